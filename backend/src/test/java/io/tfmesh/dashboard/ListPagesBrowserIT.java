package io.tfmesh.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.BrowserSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A person narrows the lists by typing, and the results change in place. */
class ListPagesBrowserIT extends IntegrationTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

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

	@Test
	void clickingAColumnHeaderSortsTheClustersOneWayThenTheOtherAndASearchKeepsTheOrder() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String low = unique("low-west");
		String high = unique("high");
		String middle = unique("middle-west");
		createCluster(admin, cloudId, high, 64700);
		createCluster(admin, cloudId, low, 64600);
		createCluster(admin, cloudId, middle, 64650);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/clusters?cloudId=" + cloudId);
			markLoadedPage(browser);
			assertThat(browser.script(ARIA_SORT_OF_ASN)).isNull();

			browser.script(CLICK_ASN_HEADER);
			browser.waitFor("document.querySelector('#cluster-table th[aria-sort=ascending] a[href*=\"sort=-asn\"]')");
			assertThat(browser.script(NAMES)).isEqualTo(List.of(low, middle, high));

			browser.script(CLICK_ASN_HEADER);
			browser.waitFor("document.querySelector('#cluster-table th[aria-sort=descending] a[href*=\"sort=asn\"]')");
			assertThat(browser.script(NAMES)).isEqualTo(List.of(high, middle, low));
			assertThat(browser.script("return location.search")).isEqualTo("?cloudId=" + cloudId + "&sort=-asn");
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
			assertThat(browser.script("return document.querySelectorAll('#results').length")).isEqualTo(1L);

			// a search keeps the order the header chose (by name, low would come first)
			browser.type("cluster-q", "west");
			browser.waitFor("location.search.includes('q=west')");
			browser.waitFor("document.querySelectorAll('#cluster-table tbody tr').length === 2");
			assertThat(browser.script(NAMES)).isEqualTo(List.of(middle, low));
			assertThat(browser.script("return location.search")).asString().contains("sort=-asn");
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
		}
	}

	@Test
	void typingInThePlanSearchReplacesTheResultsWithoutLoadingThePage() {
		String wanted = unique("wanted");
		String other = unique("other");
		long wantedPlan = plan(wanted);
		long otherPlan = plan(other);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/plans");
			markLoadedPage(browser);
			assertThat(browser.textOf(By.id("plan-table"))).contains("#" + otherPlan);

			browser.type("plan-q", wanted);
			browser.waitFor("location.search.includes('q=" + wanted + "')");
			browser.waitFor("!document.getElementById('results').textContent.includes('#" + otherPlan + "')");
			assertThat(browser.textOf(By.id("plan-table"))).contains("#" + wantedPlan, wanted);
			assertThat(browser.script("return window.tfmeshSamePage")).isEqualTo(Boolean.TRUE);
			assertThat(browser.script("return document.querySelectorAll('#plan-filter').length")).isEqualTo(1L);
		}
	}

	/** A rejected plan by the author, as the planner would have stored it. */
	private long plan(String author) {
		Timestamp now = Timestamp.from(Instant.now());
		return jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision)
				VALUES (?, 'rejected', ?, ?, ?, '{}'::jsonb) RETURNING id""", Long.class, unique("mesh"), author, now, now);
	}

	private static final String ARIA_SORT_OF_ASN = "return [...document.querySelectorAll('#cluster-table th')]"
			+ ".find(th => th.textContent.trim().startsWith('ASN')).getAttribute('aria-sort')";

	private static final String CLICK_ASN_HEADER = "[...document.querySelectorAll('#cluster-table th a.sort')]"
			+ ".find(a => a.textContent.trim() === 'ASN').click()";

	private static final String NAMES = "return [...document.querySelectorAll('#cluster-table tbody tr td:first-child')]"
			+ ".map(td => td.textContent.trim())";

	private static void createCluster(Api admin, long cloudId, String name, long asn) {
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("bgpAsn", asn);
		assertThat(admin.post("/api/v1/clusters", cluster).status()).isEqualTo(201);
	}

	/** A mark that a page load would wipe out, so the test can tell a swap from a navigation. */
	private static void markLoadedPage(BrowserSession browser) {
		browser.script("window.tfmeshSamePage = true");
	}

}
