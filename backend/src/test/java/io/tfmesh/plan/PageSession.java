package io.tfmesh.plan;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's session with the dashboard, reduced to its cookie and CSRF token. */
final class PageSession {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	private final String baseUrl;

	private String cookie = "";

	private String csrf = "";

	private PageSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Logs in through the login form, as a browser does. */
	static PageSession logIn(String baseUrl, String username, String password) {
		PageSession session = new PageSession(baseUrl);
		session.csrf = session.csrfOf(session.get("/login"));
		HttpResponse<String> login = session.post("/login", Map.of("username", username, "password", password));
		assertThat(login.statusCode()).as("login of " + username).isEqualTo(302);
		session.csrf = session.csrfOf(session.get("/account"));
		return session;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	/** A GET as htmx sends it when it polls a fragment. */
	HttpResponse<String> poll(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("HX-Request", "true").GET());
	}

	HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> body = new LinkedHashMap<>(form);
		body.put("_csrf", csrf);
		String encoded = body.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encoded)));
	}

	/** Where a redirect leads, without the query. */
	static String location(HttpResponse<String> response) {
		return URI.create(response.headers().firstValue("Location").orElse("")).getPath();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		request.timeout(Duration.ofSeconds(60)).header("Accept", "text/html");
		if (!cookie.isEmpty()) {
			request.header("Cookie", "JSESSIONID=" + cookie);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter(set -> set.startsWith("JSESSIONID="))
				.findFirst()
				.ifPresent(set -> cookie = set.substring("JSESSIONID=".length(), set.indexOf(';')));
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String csrfOf(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a _csrf field on " + page.uri()).isTrue();
		return matcher.group(1);
	}

}
