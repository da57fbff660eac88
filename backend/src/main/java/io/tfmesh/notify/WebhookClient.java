package io.tfmesh.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * POSTs a signed payload to a webhook. Redirects are not followed: a receiver that moved
 * answers 3xx, which counts as a failure that shows its status, rather than the signed body
 * going wherever the answer points.
 */
@Component
class WebhookClient {

	static final String EVENT_ID = "X-Tfmesh-Event-Id";

	static final String EVENT_TYPE = "X-Tfmesh-Event";

	/** What one attempt gave: the status when there was an answer, and why it failed when it did. */
	record Outcome(@Nullable Integer status, @Nullable String error) {

		boolean delivered() {
			return error == null;
		}

	}

	private final HttpClient http;

	private final NotifySettings settings;

	WebhookClient(NotifySettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	Outcome post(String url, DeliveryStore.Claimed delivery, String secret) {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url))
				.timeout(settings.timeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "tfmesh-webhook")
				.header(EVENT_ID, delivery.eventId().toString())
				.header(EVENT_TYPE, delivery.eventType())
				.header(Signature.HEADER, Signature.of(delivery.payload(), secret))
				.POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
				.build();
		}
		catch (IllegalArgumentException ex) {
			return new Outcome(null, "the URL cannot be requested: " + ex.getMessage());
		}
		try {
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			return (status >= 200 && status < 300) ? new Outcome(status, null)
					: new Outcome(status, "answered HTTP " + status);
		}
		catch (HttpConnectTimeoutException ex) {
			return new Outcome(null, "no connection within " + settings.timeout().toSeconds() + "s");
		}
		catch (HttpTimeoutException ex) {
			return new Outcome(null, "no answer within " + settings.timeout().toSeconds() + "s");
		}
		catch (ConnectException ex) {
			return new Outcome(null, "connection refused or unreachable");
		}
		catch (IOException ex) {
			return new Outcome(null, "connection failed: " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
					: ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(null, "interrupted while sending");
		}
	}

}
