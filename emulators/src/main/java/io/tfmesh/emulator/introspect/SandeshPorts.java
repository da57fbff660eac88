package io.tfmesh.emulator.introspect;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;


/**
 * The HTTP side of an emulated node: one server per introspect port, each answering
 * {@code GET /Snh_SandeshUVECacheReq?x=<UVE>} for its process, in plain HTTP or, as with
 * {@code INTROSPECT_SSL_ENABLE}, in HTTPS that requires a client certificate. Callers
 * serialize {@link #listen}, {@link #stop} and {@link #close}.
 */
final class SandeshPorts {

	private static final String PATH = "/Snh_SandeshUVECacheReq";

	private final InetAddress address;

	private final Map<Integer, String> byPort;

	private final BiFunction<Integer, String, @Nullable String> uve;

	// answers held back by the latency fault are sent from here, so no server thread waits
	private final ScheduledExecutorService delayed;

	private final List<HttpServer> servers = new ArrayList<>();

	private volatile Duration latency = Duration.ZERO;

	private volatile @Nullable SSLContext tls;

	/**
	 * @param byPort what listens on each port, for messages
	 * @param uve the XML of a UVE type (the {@code x} of the request) that the process on a port
	 * gives at the moment it is asked, or null when it has no such UVE
	 */
	SandeshPorts(InetAddress address, Map<Integer, String> byPort, BiFunction<Integer, String, @Nullable String> uve) {
		this.address = address;
		this.byPort = Collections.unmodifiableMap(new LinkedHashMap<>(byPort));
		this.uve = uve;
		this.delayed = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "introspect-" + address.getHostAddress());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Serves HTTPS with this server identity from the next {@link #listen}; null for plain HTTP. */
	void tls(@Nullable SSLContext context) {
		this.tls = context;
	}

	/** @throws IllegalStateException when a port is taken; none stays open then */
	void listen() {
		for (Map.Entry<Integer, String> entry : byPort.entrySet()) {
			String where = address.getHostAddress() + ":" + entry.getKey();
			HttpServer server;
			try {
				server = create(new InetSocketAddress(address, entry.getKey()));
			}
			catch (BindException ex) {
				stop();
				throw new IllegalStateException("cannot emulate " + entry.getValue() + ": " + where
						+ " is already in use (" + ex.getMessage() + ")", ex);
			}
			catch (IOException ex) {
				stop();
				throw new IllegalStateException("cannot listen on " + where + ": " + ex.getMessage(), ex);
			}
			int port = entry.getKey();
			server.createContext("/", exchange -> handle(exchange, port));
			server.start();
			servers.add(server);
		}
	}

	private HttpServer create(InetSocketAddress where) throws IOException {
		SSLContext context = tls;
		if (context == null) {
			return HttpServer.create(where, 0);
		}
		HttpsServer server = HttpsServer.create(where, 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = context.getDefaultSSLParameters();
				// with INTROSPECT_SSL_ENABLE (and not introspect_ssl_insecure) Sandesh accepts only clients
				// whose certificate its CA signed
				ssl.setNeedClientAuth(true);
				parameters.setSSLParameters(ssl);
			}

		});
		return server;
	}

	/** Closes every port, and the connections open on them. */
	void stop() {
		servers.forEach(server -> server.stop(0));
		servers.clear();
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	void close() {
		stop();
		delayed.shutdownNow();
	}

	private void handle(HttpExchange exchange, int port) {
		Duration delay = latency;
		if (delay.isZero()) {
			respond(exchange, port);
			return;
		}
		try {
			delayed.schedule(() -> respond(exchange, port), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile: drop the exchange as a stopped process would
			exchange.close();
		}
	}

	private void respond(HttpExchange exchange, int port) {
		try {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String type = PATH.equals(exchange.getRequestURI().getPath()) ? uveType(exchange) : null;
			String xml = (type != null) ? uve.apply(port, type) : null;
			if (xml == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = xml.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (IOException ex) {
			// the client gave up or the port closed; nobody is left to answer
		}
		finally {
			exchange.close();
		}
	}

	private static @Nullable String uveType(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null) {
			return null;
		}
		return Arrays.stream(query.split("&"))
			.filter(parameter -> parameter.startsWith("x="))
			.map(parameter -> parameter.substring(2))
			.findFirst()
			.orElse(null);
	}

}
