package io.tfmesh.system.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static io.tfmesh.system.security.SecurityHeadersIT.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code tls-proxy} profile, tfmesh believes the proxy's X-Forwarded-* headers: a
 * request that came over HTTPS gets HSTS, the session cookie is Secure, and the client address
 * is the forwarded one.
 */
class BehindTlsProxyIT extends ProxiedApplicationSupport {

	@Test
	void aRequestForwardedFromHttpsGetsHstsAndASecureCookie() {
		HttpResponse<String> login = get(port, "/login", true);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=");
		assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
		assertThat(login.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
	}

	@Test
	void thePlainHttpHopGetsNoHstsButTheCookieStaysSecure() {
		HttpResponse<String> login = get(port, "/login", false);
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
	}

	@Test
	void aFailedLoginIsAuditedUnderTheForwardedClientAddress() {
		clock.advance(LOCKOUT.plusSeconds(1));
		String nobody = unique("nobody");
		assertProblem(api.header("X-Forwarded-For", "203.0.113.9").basic(nobody, "wrong-password").get("/api/v1/clouds"),
				401, "unauthenticated");
		JsonNode audited = api.asAdmin().get("/api/v1/audit?action=login-failed&actor=" + nobody).json();
		assertThat(audited.get("totalItems").asLong()).isEqualTo(1);
		assertThat(audited.get("items").get(0).get("after").get("address").asString()).isEqualTo("203.0.113.9");
	}

}
