package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A proxy in front of a config API that breaks chosen requests the ways a real network and
 * load balancer do: answering 503 itself, or passing the request on and then answering 503,
 * dropping the connection, or holding the answer back.
 */
final class FaultyProxy implements AutoCloseable {

	enum Fault {

		/** Answers 503 without passing the request on. */
		UNAVAILABLE,
		/** Passes the request on, then answers 503 instead of the server's answer. */
		FORWARD_THEN_UNAVAILABLE,
		/** Passes the request on, then closes the connection without an answer. */
		FORWARD_THEN_DROP,
		/** Passes the request on, then answers nothing until the proxy closes. */
		FORWARD_THEN_HOLD

	}

	private final String target;

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Map<String, Fault> nextFaults = new ConcurrentHashMap<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	FaultyProxy(String target) {
		this.target = target;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.setExecutor(threads);
		server.createContext("/", this::handle);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** The next request with this method and path ({@code "POST /projects"}) meets the fault. */
	FaultyProxy once(String request, Fault fault) {
		nextFaults.put(request, fault);
		return this;
	}

	/** Every request received, as method and path. */
	List<String> received() {
		return received;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
			received.add(request);
			byte[] body = exchange.getRequestBody().readAllBytes();
			Fault fault = nextFaults.remove(request);
			if (fault == Fault.UNAVAILABLE) {
				answer(exchange, 503, "Service Unavailable");
				return;
			}
			HttpResponse<byte[]> answer = forward(exchange, body);
			if (fault == null) {
				String type = answer.headers().firstValue("Content-Type").orElse("application/json");
				exchange.getResponseHeaders().add("Content-Type", type);
				send(exchange, answer.statusCode(), answer.body());
			}
			else if (fault == Fault.FORWARD_THEN_UNAVAILABLE) {
				answer(exchange, 503, "Service Unavailable");
			}
			else if (fault == Fault.FORWARD_THEN_HOLD) {
				closing.await(30, TimeUnit.SECONDS);
			}
			// FORWARD_THEN_DROP: closing the exchange before any answer closes the connection
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
			.method(exchange.getRequestMethod(),
					body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		for (String header : List.of("Content-Type", "Accept", "X-Auth-Token")) {
			String value = exchange.getRequestHeaders().getFirst(header);
			if (value != null) {
				request.header(header, value);
			}
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void answer(HttpExchange exchange, int status, String text) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
		send(exchange, status, text.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		closing.countDown();
		server.stop(0);
		threads.shutdownNow();
	}

}
