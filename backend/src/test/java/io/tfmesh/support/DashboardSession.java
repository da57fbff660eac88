package io.tfmesh.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A logged-in dashboard session that reads pages as a browser does, without running their scripts. */
public final class DashboardSession {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	private final String baseUrl;

	private String cookie = "";

	private DashboardSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static DashboardSession logIn(String baseUrl, String username, String password) {
		DashboardSession session = new DashboardSession(baseUrl);
		HttpResponse<String> page = session.get("/login");
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("a _csrf field on the login page").isTrue();
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(login.statusCode()).as("login of " + username).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("/login");
		return session;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
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

}
