package io.tfmesh.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver over real HTTP (the JDK's server) that keeps every request it got and
 * answers 200, or the statuses it was told to answer first; it answers requests concurrently.
 */
public final class WebhookReceiver implements AutoCloseable {

	public record Request(String path, String signature, String eventId, String eventType, String contentType, String body) {
	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private WebhookReceiver(HttpServer server) {
		this.server = server;
		server.setExecutor(threads);
		server.createContext("/", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				var headers = exchange.getRequestHeaders();
				requests.add(new Request(exchange.getRequestURI().getPath(), headers.getFirst("X-Tfmesh-Signature"),
						headers.getFirst("X-Tfmesh-Event-Id"), headers.getFirst("X-Tfmesh-Event"),
						headers.getFirst("Content-Type"), body));
				awaitGate();
				Integer status = statuses.poll();
				exchange.sendResponseHeaders(status == null ? 200 : status, -1);
			}
			finally {
				exchange.close();
			}
		});
		server.start();
	}

	/** A receiver on a free port. */
	public static WebhookReceiver start() {
		return on(0);
	}

	public static WebhookReceiver on(int port) {
		try {
			return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A port nobody listens on now, for a receiver that is down until it is started there. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Answers these statuses to the next requests, in turn, then 200 again. */
	public void answerFirst(Integer... statuses) {
		this.statuses.addAll(List.of(statuses));
	}

	/** Keeps every answer back, the request already received, until {@link #release()}. */
	public void hold() {
		gate = new CountDownLatch(1);
	}

	public void release() {
		gate.countDown();
	}

	private void awaitGate() {
		try {
			gate.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	public List<Request> requests(String path) {
		return requests.stream().filter(request -> request.path().equals(path)).toList();
	}

	/** The signature header tfmesh sends with a body signed with this secret: HMAC-SHA256, in hex. */
	public static String signature(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		release();
		server.stop(0);
		threads.shutdownNow();
	}

}
