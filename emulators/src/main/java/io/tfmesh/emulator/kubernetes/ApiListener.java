package io.tfmesh.emulator.kubernetes;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.tfmesh.emulator.Faults;
import io.tfmesh.emulator.Faults.Fault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The emulated API's HTTP listener: the mock web server's request handling (bodies, WebSocket
 * watches, delayed answers) in front of the dispatcher, with the faults decided per request
 * before anything is served. Owning the connection is what lets a request hang and then lose
 * its connection without an answer, which the mock web server cannot do.
 */
final class ApiListener implements AutoCloseable {

	/** Longer than any test waits: the connection is closed well before such an answer would leave. */
	private static final Duration NEVER = Duration.ofDays(1);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final Vertx vertx;

	private final HttpServer server;

	private ApiListener(Vertx vertx, HttpServer server) {
		this.vertx = vertx;
		this.server = server;
	}

	/** @param port 0 for any free port */
	static ApiListener listen(InetAddress address, int port, EmulatorDispatcher dispatcher, Faults faults) {
		Vertx vertx = Vertx.vertx();
		try {
			HttpServerOptions options = new HttpServerOptions().setHost(address.getHostAddress())
				.setPort(port)
				.setHandle100ContinueAutomatically(true)
				.setWebSocketSubProtocols(
						List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io"))
				.setWebSocketClosingTimeout(1);
			HttpServer server = vertx.createHttpServer(options)
				.requestHandler(request -> handle(vertx, request, dispatcher, faults));
			await(server.listen(), "cannot listen on " + address.getHostAddress() + ":" + port);
			return new ApiListener(vertx, server);
		}
		catch (RuntimeException ex) {
			vertx.close();
			throw ex;
		}
	}

	int port() {
		return server.actualPort();
	}

	/** Stops listening and drops every open connection. */
	@Override
	public void close() {
		try {
			await(server.close(), "cannot stop listening");
		}
		finally {
			await(vertx.close(), "cannot stop the event loops");
		}
	}

	private static void handle(Vertx vertx, HttpServerRequest request, EmulatorDispatcher dispatcher,
			Faults faults) {
		Fault fault = faults.next();
		Duration latency = faults.latency();
		Duration hang = faults.hang();
		new HttpServerRequestHandler(vertx) {

			@Override
			protected MockResponse onHttpRequest(RecordedRequest recorded) {
				return switch (fault) {
					case ANSWER -> delayed(dispatcher.dispatch(recorded), latency);
					case UNAVAILABLE -> delayed(ApiErrors.serviceUnavailable(), latency);
					// never reaches the store: a write that timed out was not carried out
					case TIMEOUT -> dropAfter(vertx, request, hang);
					case LOST_ANSWER -> {
						dispatcher.dispatch(recorded);
						yield dropAfter(vertx, request, hang);
					}
				};
			}

		}.handle(request);
	}

	private static MockResponse delayed(MockResponse response, Duration latency) {
		// a watch is upgraded to a WebSocket at once
		if (!latency.isZero() && response.getWebSocketListener() == null) {
			response.setBodyDelay(latency);
		}
		return response;
	}

	/** Closes the connection after the hang; the answer given back is held until long after. */
	private static MockResponse dropAfter(Vertx vertx, HttpServerRequest request, Duration hang) {
		vertx.setTimer(Math.max(1, hang.toMillis()), timer -> request.connection().close());
		// only an answer with a body is held back; one without is sent at once
		return new MockResponse().setResponseCode(504).setBody("{}").setBodyDelay(NEVER);
	}

	private static <T> T await(Future<T> future, String failure) {
		try {
			return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(failure, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(failure, ex);
		}
	}

}
