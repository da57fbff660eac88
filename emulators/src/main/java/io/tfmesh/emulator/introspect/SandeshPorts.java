package io.tfmesh.emulator.introspect;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.jspecify.annotations.Nullable;


/**
 * The HTTP side of an emulated node: one listener per introspect port, each answering
 * {@code GET /Snh_SandeshUVECacheReq?x=<UVE>} and the other {@code Snh_} requests of its
 * process, in plain HTTP or, as with
 * {@code INTROSPECT_SSL_ENABLE}, in HTTPS that requires a client certificate. Like Sandesh's
 * own server, which parses requests with http_parser, a plain port drops a connection whose
 * first byte cannot start a request (a TLS handshake) instead of waiting for a request line, so
 * an HTTPS client learns at once that it has to fall back. Callers serialize {@link #listen},
 * {@link #stop} and {@link #close}.
 */
final class SandeshPorts {

	private static final String PATH = "/Snh_SandeshUVECacheReq";

	/** The content type of a TLS record that opens a handshake. */
	private static final int TLS_HANDSHAKE = 0x16;

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private final InetAddress address;

	private final Map<Integer, String> byPort;

	private final BiFunction<Integer, String, @Nullable String> uve;

	private final BiFunction<Integer, URI, @Nullable String> requests;

	// answers held back by the latency fault are sent from here, so no connection thread waits
	private final ScheduledExecutorService delayed;

	private final ExecutorService connections;

	private final List<ServerSocket> listeners = new ArrayList<>();

	private final List<Thread> acceptors = new ArrayList<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile Duration latency = Duration.ZERO;

	private volatile @Nullable SSLContext tls;

	/**
	 * @param byPort what listens on each port, for messages
	 * @param uve the XML of a UVE type (the {@code x} of the request) that the process on a port
	 * gives at the moment it is asked, or null when it has no such UVE
	 * @param requests the XML answer of any other request (such as {@code /Snh_BgpNeighborReq})
	 * of the process on a port, or null when it has no such request
	 */
	SandeshPorts(InetAddress address, Map<Integer, String> byPort, BiFunction<Integer, String, @Nullable String> uve,
			BiFunction<Integer, URI, @Nullable String> requests) {
		this.address = address;
		this.byPort = Collections.unmodifiableMap(new LinkedHashMap<>(byPort));
		this.uve = uve;
		this.requests = requests;
		String name = "introspect-" + address.getHostAddress();
		this.delayed = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name + "-delayed"));
		this.connections = Executors.newCachedThreadPool(task -> daemon(task, name));
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/** Serves HTTPS with this server identity from the next {@link #listen}; null for plain HTTP. */
	void tls(@Nullable SSLContext context) {
		this.tls = context;
	}

	/** @throws IllegalStateException when a port is taken; none stays open then */
	void listen() {
		SSLContext context = tls;
		for (Map.Entry<Integer, String> entry : byPort.entrySet()) {
			String where = address.getHostAddress() + ":" + entry.getKey();
			ServerSocket listener;
			try {
				listener = (context != null) ? context.getServerSocketFactory().createServerSocket() : new ServerSocket();
				if (listener instanceof SSLServerSocket secure) {
					// with INTROSPECT_SSL_ENABLE (and not introspect_ssl_insecure) Sandesh accepts only
					// clients whose certificate its CA signed
					secure.setNeedClientAuth(true);
				}
				listener.setReuseAddress(true);
				listener.bind(new InetSocketAddress(address, entry.getKey()));
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
			listeners.add(listener);
			int port = entry.getKey();
			Thread acceptor = daemon(() -> accept(listener, port, context != null),
					"introspect-" + where + "-accept");
			acceptors.add(acceptor);
			acceptor.start();
		}
	}

	/** Closes every port, and the connections open on them. */
	void stop() {
		for (ServerSocket listener : listeners) {
			closeQuietly(listener);
		}
		listeners.clear();
		// a socket closed while a thread waits in accept() keeps its port until that thread leaves
		for (Thread acceptor : acceptors) {
			try {
				acceptor.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		acceptors.clear();
		open.forEach(SandeshPorts::closeQuietly);
		open.clear();
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	void close() {
		stop();
		delayed.shutdownNow();
		connections.shutdownNow();
	}

	private void accept(ServerSocket listener, int port, boolean secure) {
		while (!listener.isClosed()) {
			Socket connection;
			try {
				connection = listener.accept();
			}
			catch (IOException ex) {
				// closed by stop()
				return;
			}
			open.add(connection);
			try {
				connections.execute(() -> serve(connection, port, secure));
			}
			catch (RejectedExecutionException ex) {
				drop(connection);
			}
		}
	}

	private void serve(Socket connection, int port, boolean secure) {
		try {
			connection.setSoTimeout(READ_TIMEOUT_MILLIS);
			BufferedInputStream in = new BufferedInputStream(connection.getInputStream());
			if (!secure) {
				in.mark(1);
				if (in.read() == TLS_HANDSHAKE) {
					drop(connection);
					return;
				}
				in.reset();
			}
			String requestLine = line(in);
			while (!line(in).isEmpty()) {
				// headers: nothing in them changes the answer
			}
			Answer answer = answer(requestLine, port);
			Duration delay = latency;
			if (delay.isZero()) {
				send(connection, answer);
				return;
			}
			try {
				delayed.schedule(() -> send(connection, answer), delay.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// closed meanwhile: drop the connection as a stopped process would
				drop(connection);
			}
		}
		catch (IOException ex) {
			// a failed handshake, a client that gave up, or a port that closed
			drop(connection);
		}
	}

	private Answer answer(String requestLine, int port) {
		String[] parts = requestLine.split(" ");
		if (parts.length < 2) {
			return new Answer(400, "Bad Request", null);
		}
		if (!"GET".equals(parts[0])) {
			return new Answer(405, "Method Not Allowed", null);
		}
		URI target;
		try {
			target = URI.create(parts[1]);
		}
		catch (IllegalArgumentException ex) {
			return new Answer(400, "Bad Request", null);
		}
		String xml;
		if (PATH.equals(target.getPath())) {
			String type = uveType(target.getRawQuery());
			xml = (type != null) ? uve.apply(port, type) : null;
		}
		else {
			xml = requests.apply(port, target);
		}
		return (xml != null) ? new Answer(200, "OK", xml) : new Answer(404, "Not Found", null);
	}

	private void send(Socket connection, Answer answer) {
		try (OutputStream out = connection.getOutputStream()) {
			byte[] body = (answer.xml() != null) ? answer.xml().getBytes(StandardCharsets.UTF_8) : new byte[0];
			StringBuilder head = new StringBuilder().append("HTTP/1.1 ")
				.append(answer.status())
				.append(' ')
				.append(answer.reason())
				.append("\r\n");
			if (answer.status() == 405) {
				head.append("Allow: GET\r\n");
			}
			if (answer.xml() != null) {
				head.append("Content-Type: text/xml; charset=utf-8\r\n");
			}
			head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
		}
		catch (IOException ex) {
			// the client gave up or the port closed; nobody is left to answer
		}
		finally {
			drop(connection);
		}
	}

	private void drop(Socket connection) {
		open.remove(connection);
		closeQuietly(connection);
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new EOFException("the connection closed inside a request");
			}
			if (next != '\r') {
				line.append((char) next);
			}
			if (line.length() > 16_384) {
				throw new IOException("a request line longer than 16 KiB");
			}
		}
		return line.toString();
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing is all that was asked
		}
	}

	private static @Nullable String uveType(@Nullable String query) {
		if (query == null) {
			return null;
		}
		return Arrays.stream(query.split("&"))
			.filter(parameter -> parameter.startsWith("x="))
			.map(parameter -> parameter.substring(2))
			.findFirst()
			.orElse(null);
	}

	private record Answer(int status, String reason, @Nullable String xml) {
	}

}
