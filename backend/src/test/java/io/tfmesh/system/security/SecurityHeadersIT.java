package io.tfmesh.system.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages and API answers carry a Content-Security-Policy without inline script or style,
 * a Referrer-Policy and a Permissions-Policy. Run without the {@code tls-proxy} profile, tfmesh
 * does not believe a client that claims to have come over HTTPS.
 */
class SecurityHeadersIT extends IntegrationTestSupport {

	static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void pagesAndApiAnswersCarryThePolicies() {
		for (String path : new String[] { "/login", "/", "/api/v1/clouds", "/v3/api-docs" }) {
			HttpResponse<String> response = get(port, path, false);
			String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
			assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
					"object-src 'none'", "frame-ancestors 'none'");
			assertThat(csp).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
			assertThat(response.headers().firstValue("Permissions-Policy").orElse("")).as(path)
				.contains("camera=()", "microphone=()", "geolocation=()");
		}
	}

	@Test
	void swaggerUiMayApplyInlineStylesButRunsOnlyOwnScripts() {
		HttpResponse<String> swagger = get(port, "/swagger-ui/index.html", false);
		assertThat(swagger.statusCode()).isEqualTo(200);
		assertThat(swagger.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("script-src 'self';", "style-src 'self' 'unsafe-inline'")
			.doesNotContain("unsafe-eval");
	}

	@Test
	void aForwardedHttpsClaimIsIgnoredWithoutTheProxyProfile() {
		HttpResponse<String> login = get(port, "/login", true);
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("secure");
	}

	static HttpResponse<String> get(int port, String path, boolean forwardedHttps) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "text/html,application/json");
		if (forwardedHttps) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7");
		}
		try {
			return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
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
