package io.tfmesh.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Passes every request on to a cluster's API and counts the writes that reach it, by method and
 * path, so that a test sees how often each object was written. Lookups sent as POST
 * ({@code /fqname-to-id}) are not writes.
 */
final class WriteCountingProxy implements AutoCloseable {

	private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "upgrade",
			"expect", "transfer-encoding", "keep-alive", "http2-settings");

	private final HttpServer server;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String target;

	private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

	private final AtomicReference<Hold> hold = new AtomicReference<>();

	private WriteCountingProxy(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", this::forward);
		server.start();
	}

	static WriteCountingProxy to(String target) {
		try {
			return new WriteCountingProxy(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** @return writes of that method to that path, e.g. {@code PATCH /api/v1/namespaces/kube-system/configmaps/env} */
	int writes(String method, String path) {
		AtomicInteger count = writes.get(method + " " + path);
		return count == null ? 0 : count.get();
	}

	/** Every write so far, as {@code METHOD path → count}. */
	Map<String, Integer> writes() {
		Map<String, Integer> copy = new java.util.TreeMap<>();
		writes.forEach((key, count) -> copy.put(key, count.get()));
		return copy;
	}

	int totalWrites() {
		return writes.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/**
	 * Keeps back the answer to the next successful write of that method to that path until
	 * {@link Hold#release()}: the API has carried the write out, its caller does not know yet.
	 */
	Hold holdAnswer(String method, String path) {
		Hold next = new Hold(method + " " + path, new CountDownLatch(1), new CountDownLatch(1));
		hold.set(next);
		return next;
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			URI uri = exchange.getRequestURI();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
					+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
				.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase())) {
					values.forEach(value -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response;
			try {
				response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			if (!method.equals("GET") && !method.equals("HEAD") && !uri.getPath().equals("/fqname-to-id")
					&& response.statusCode() < 300) {
				String key = method + " " + uri.getPath();
				writes.computeIfAbsent(key, name -> new AtomicInteger()).incrementAndGet();
				Hold held = hold.get();
				if (held != null && held.write().equals(key) && hold.compareAndSet(held, null)) {
					held.keepBack();
				}
			}
			response.headers().map().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, List.copyOf(values));
				}
			});
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
	}

	@Override
	public void close() {
		Hold held = hold.getAndSet(null);
		if (held != null) {
			held.release();
		}
		server.stop(0);
	}

	/** An answer kept back: {@link #reached()} opens once the write is done. */
	record Hold(String write, CountDownLatch reached, CountDownLatch released) {

		void release() {
			released.countDown();
		}

		private void keepBack() {
			reached.countDown();
			try {
				released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
