package io.tfmesh.dashboard;

import io.tfmesh.support.BrowserSession;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** A person narrows the lists by typing, and the results change in place. */
class ListPagesBrowserIT extends IntegrationTestSupport {

	@Test
	void typingInTheMeshSearchReplacesTheResultsWithoutLoadingThePage() {
		Api admin = api.asAdmin();
		String wanted = unique("wanted");
		String other = unique("other");
		assertThat(admin.post("/api/v1/meshes", Map.of("name", wanted)).status()).isEqualTo(201);
		assertThat(admin.post("/api/v1/meshes", Map.of("name", other)).status()).isEqualTo(201);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/meshes?q=" + other);
			assertThat(browser.textOf(By.id("mesh-table"))).contains(other);
			markLoadedPage(browser);

			browser.type("mesh-q", wanted);
			browser.waitFor("location.search.includes('q=" + wanted + "')");
			browser.waitFor("!document.getElementById('results').textContent.includes('" + other + "')");
			assertThat(browser.textOf(By.id("mesh-table"))).contains(wanted);
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
			// the answer is the results alone, not a whole page nested inside the old one
			assertThat(browser.script("return document.querySelectorAll('#mesh-search').length")).isEqualTo(1L);

			browser.type("mesh-q", unique("nothing"));
			browser.waitForText("No mesh matches the search");
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
		}
	}

	@Test
	void typingInTheUserSearchReplacesTheResultsWithoutLoadingThePage() {
		Api admin = api.asAdmin();
		String wanted = unique("wanted");
		assertThat(admin.post("/api/v1/users", Map.of("username", wanted, "password", "password-1", "role", "viewer"))
			.status()).isEqualTo(201);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/users");
			markLoadedPage(browser);
			assertThat(browser.textOf(By.id("user-table"))).contains(ADMIN);

			browser.type("user-q", wanted);
			browser.waitFor("location.search.includes('q=" + wanted + "')");
			browser.waitFor("!document.getElementById('user-table').textContent.includes('" + ADMIN + "')");
			assertThat(browser.textOf(By.id("user-table"))).contains(wanted);
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
			assertThat(browser.script("return document.querySelectorAll('#user-search').length")).isEqualTo(1L);
		}
	}

	/** A mark that a page load would wipe out, so the test can tell a swap from a navigation. */
	private static void markLoadedPage(BrowserSession browser) {
		browser.script("window.tfmeshSamePage = true");
	}

}
