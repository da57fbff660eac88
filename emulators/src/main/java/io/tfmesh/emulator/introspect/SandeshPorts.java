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
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * The HTTP side of an emulated node: one server per introspect port, each answering
 * {@code GET /Snh_SandeshUVECacheReq?x=NodeStatus} for its process. Callers serialize
 * {@link #listen}, {@link #stop} and {@link #close}.
 */
final class SandeshPorts {

	private static final String PATH = "/Snh_SandeshUVECacheReq";

	private final InetAddress address;

	private final Map<Integer, SandeshProcess> byPort;

	private final Function<SandeshProcess, String> nodeStatus;

	// answers held back by the latency fault are sent from here, so no server thread waits
	private final ScheduledExecutorService delayed;

	private final List<HttpServer> servers = new ArrayList<>();

	private volatile Duration latency = Duration.ZERO;

	/** @param nodeStatus the NodeStatus XML a process gives at the moment it is asked */
	SandeshPorts(InetAddress address, Map<Integer, SandeshProcess> byPort, Function<SandeshProcess, String> nodeStatus) {
		this.address = address;
		this.byPort = Collections.unmodifiableMap(new LinkedHashMap<>(byPort));
		this.nodeStatus = nodeStatus;
		this.delayed = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "introspect-" + address.getHostAddress());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** @throws IllegalStateException when a port is taken; none stays open then */
	void listen() {
		for (Map.Entry<Integer, SandeshProcess> entry : byPort.entrySet()) {
			String where = address.getHostAddress() + ":" + entry.getKey();
			HttpServer server;
			try {
				server = HttpServer.create(new InetSocketAddress(address, entry.getKey()), 0);
			}
			catch (BindException ex) {
				stop();
				throw new IllegalStateException("cannot emulate " + entry.getValue().module() + ": " + where
						+ " is already in use (" + ex.getMessage() + ")", ex);
			}
			catch (IOException ex) {
				stop();
				throw new IllegalStateException("cannot listen on " + where + ": " + ex.getMessage(), ex);
			}
			SandeshProcess service = entry.getValue();
			server.createContext("/", exchange -> handle(exchange, service));
			server.start();
			servers.add(server);
		}
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

	private void handle(HttpExchange exchange, SandeshProcess service) {
		Duration delay = latency;
		if (delay.isZero()) {
			respond(exchange, service);
			return;
		}
		try {
			delayed.schedule(() -> respond(exchange, service), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile: drop the exchange as a stopped process would
			exchange.close();
		}
	}

	private void respond(HttpExchange exchange, SandeshProcess service) {
		try {
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			if (!PATH.equals(exchange.getRequestURI().getPath()) || !asksForNodeStatus(exchange)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = nodeStatus.apply(service).getBytes(StandardCharsets.UTF_8);
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

	private static boolean asksForNodeStatus(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		return query != null && Arrays.asList(query.split("&")).contains("x=NodeStatus");
	}

}
