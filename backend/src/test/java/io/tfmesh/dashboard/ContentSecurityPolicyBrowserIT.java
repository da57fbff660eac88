package io.tfmesh.dashboard;

import io.tfmesh.support.BrowserSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages work under tfmesh's Content-Security-Policy: the browser's console reports no
 * violation (and no bad policy header), htmx still loads a fragment, and the pool drawing's
 * computed positions and colours still apply.
 */
class ContentSecurityPolicyBrowserIT extends IntegrationTestSupport {

	@Test
	void theMainPagesCauseNoPolicyViolation() {
		Api admin = api.asAdmin();
		long cloud = Fixtures.createCloud(admin, unique("cloud"));
		long a = Fixtures.createCluster(admin, unique("a"), cloud);
		long b = Fixtures.createCluster(admin, unique("b"), cloud);
		Api.Response mesh = admin.post("/api/v1/meshes", Map.of("name", unique("csp"), "clusterIds", List.of(a, b),
				"pools", List.of(Map.of("kind", "pod", "cidr", "10.0.0.0/8", "defaultPrefixLength", 24),
						Map.of("kind", "service", "cidr", "100.64.0.0/10", "defaultPrefixLength", 24),
						Map.of("kind", "fabric", "cidr", "192.168.0.0/16", "defaultPrefixLength", 24))));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		long meshId = mesh.json().get("id").asLong();

		List<String> violations = new ArrayList<>();
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.go("/login");
			violations.addAll(policyMessages("/login", browser.consoleMessages()));
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			for (String path : List.of("/", "/clouds", "/clouds/" + cloud, "/clouds/new", "/clusters",
					"/clusters/new", "/meshes", "/meshes/" + meshId, "/audit", "/users", "/users/new", "/account",
					"/swagger-ui/index.html")) {
				browser.go(path);
				browser.text();
				violations.addAll(policyMessages(path, browser.consoleMessages()));
			}

			browser.go("/clusters/" + a);
			// the observation panel is an htmx fragment, loaded when the page has loaded
			browser.waitForText("Observe now");
			violations.addAll(policyMessages("/clusters/" + a, browser.consoleMessages()));

			browser.go("/meshes/" + meshId);
			Object swatch = browser.script("return document.querySelector('#member-" + a + " .swatch').style.cssText;");
			assertThat(swatch).as("the member's colour, set from data-style").asString().contains("background");
			assertThat(browser.has(By.cssSelector("style"))).as("no style element added by a script").isFalse();
			violations.addAll(policyMessages("/meshes/" + meshId, browser.consoleMessages()));
		}
		assertThat(violations).isEmpty();
	}

	private static List<String> policyMessages(String path, List<String> console) {
		return console.stream()
			.filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy")
					|| message.contains("Permissions-Policy") || message.contains("Refused to"))
			.map(message -> path + ": " + message)
			.toList();
	}

}
