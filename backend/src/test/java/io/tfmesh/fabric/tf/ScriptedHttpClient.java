package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An HttpClient that answers from a script, one step per request, and records what was sent
 * ({@code "POST /projects"}): the transport's decisions without a network.
 */
final class ScriptedHttpClient extends HttpClient {

	private final Deque<Step> script = new ArrayDeque<>();

	private final List<String> sent = new ArrayList<>();

	private sealed interface Step permits Answer, Failure {
	}

	private record Answer(int status, String body) implements Step {
	}

	private record Failure(Exception exception) implements Step {
	}

	ScriptedHttpClient answer(int status, String body) {
		script.add(new Answer(status, body));
		return this;
	}

	ScriptedHttpClient fail(Exception exception) {
		script.add(new Failure(exception));
		return this;
	}

	/** The requests sent so far, as method and path. */
	List<String> sent() {
		return sent;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
			throws IOException, InterruptedException {
		sent.add(request.method() + " " + request.uri().getRawPath());
		Step step = script.poll();
		if (step == null) {
			throw new AssertionError("no answer scripted for " + request.method() + " " + request.uri());
		}
		if (step instanceof Failure failure) {
			if (failure.exception() instanceof IOException io) {
				throw io;
			}
			throw (InterruptedException) failure.exception();
		}
		Answer answer = (Answer) step;
		return (HttpResponse<T>) new Response(request, answer.status(), answer.body());
	}

	private record Response(HttpRequest request, int statusCode, String body) implements HttpResponse<String> {

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public HttpHeaders headers() {
			return HttpHeaders.of(Map.of(), (name, value) -> true);
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return request.uri();
		}

		@Override
		public Version version() {
			return Version.HTTP_1_1;
		}

	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> handler) {
		throw new UnsupportedOperationException();
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
			HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return Optional.empty();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return Optional.empty();
	}

	@Override
	public Redirect followRedirects() {
		return Redirect.NEVER;
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return Optional.empty();
	}

	@Override
	public SSLContext sslContext() {
		throw new UnsupportedOperationException();
	}

	@Override
	public SSLParameters sslParameters() {
		throw new UnsupportedOperationException();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return Optional.empty();
	}

	@Override
	public Version version() {
		return Version.HTTP_1_1;
	}

	@Override
	public Optional<Executor> executor() {
		return Optional.empty();
	}

}
