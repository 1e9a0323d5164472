package com.example.tomcat;

import com.example.tomcat.webapp.AsyncQuotes;
import com.example.tomcat.webapp.QuoteServlet;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Embedded Tomcat with a web application whose classes come from its own {@code WEB-INF/classes}
 * (loaded by Tomcat's web application class loader), with {@code clearReferencesStopThreads} on. It
 * starts a protected async call whose retry holds an agent thread, reloads the application meanwhile
 * (Tomcat then stops the threads running with the old application's class loader), and calls the new
 * generation, printing {@code GENERATION 2: <answer>}.
 */
public final class TomcatApp {
    private static final String WEB_XML = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
            + "  <servlet><servlet-name>quotes</servlet-name><servlet-class>" + QuoteServlet.class.getName() + "</servlet-class></servlet>\n"
            + "  <servlet-mapping><servlet-name>quotes</servlet-name><url-pattern>/quote</url-pattern></servlet-mapping>\n"
            + "</web-app>\n";

    private TomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Path webapp = base.resolve("webapp");
        Path classes = Files.createDirectories(webapp.resolve("WEB-INF/classes"));
        for (Class<?> type : new Class<?>[] {QuoteServlet.class, AsyncQuotes.class}) {
            String file = type.getName().replace('.', '/') + ".class";
            Path target = classes.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = TomcatApp.class.getClassLoader().getResourceAsStream(file)) {
                Files.copy(in, target);
            }
        }
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), WEB_XML); // read again by a reload
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP servlet: Jasper is not on the class path
        StandardContext context = (StandardContext) tomcat.addWebapp("/app", webapp.toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        context.setClearReferencesStopThreads(true);
        try {
            tomcat.start();
            int port = connector.getLocalPort();
            System.out.println("GENERATION 1: " + get(port, "slow=true"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Boolean.getBoolean("tomcat.retryRunning") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.println("RETRY RUNNING: " + Boolean.getBoolean("tomcat.retryRunning"));
            context.reload();
            System.out.println("GENERATION 2: " + get(port, "slow=false"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static String get(int port, String query) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/app/quote?" + query).openConnection();
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
