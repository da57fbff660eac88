package io.tfmesh.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tfmesh.plan.StepOperation;
import io.tfmesh.support.Api;
import io.tfmesh.support.BrowserSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values listed side by side (labels, clusters, blocks) read as separate words in the page's text,
 * as a screen reader says them and a copy pastes them, not run together.
 */
class WordsApartBrowserIT extends IntegrationTestSupport {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void aClustersLabelsAreSeparateWordsInTheListAndOnItsPage() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String name = unique("labelled");
		Map<String, Object> body = Fixtures.cluster(name, cloudId);
		body.put("labels", Map.of("env", "prod", "team", "net"));
		long clusterId = Fixtures.createCluster(admin, body);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/clusters?q=" + name);
			assertThat(pageText(browser)).contains("env=prod team=net").doesNotContain("env=prodteam=net");
			browser.go("/clusters/" + clusterId);
			assertThat(pageText(browser)).contains("env=prod team=net").doesNotContain("env=prodteam=net");
		}
	}

	@Test
	void aPlansClustersTouchedAreSeparateWords() {
		String east = unique("east");
		String west = unique("west");
		long planId = plan(east, west);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/plans/" + planId);
			assertThat(pageText(browser)).contains(east + " " + west).doesNotContain(east + west)
				// the base revision names the cluster its steps name, not its id
				.contains(east + ": 0123456789ab…")
				.doesNotContain("cluster 1000");
		}
	}

	@Test
	void aMeshsPoolsAreSeparateWordsInTheList() {
		Api admin = api.asAdmin();
		String name = unique("pooled");
		List<Map<String, Object>> pools = List.of(Map.of("kind", "pod", "cidr", "100.64.0.0/16", "defaultPrefixLength", 20),
				Map.of("kind", "service", "cidr", "100.65.0.0/16", "defaultPrefixLength", 20),
				Map.of("kind", "fabric", "cidr", "100.66.0.0/16", "defaultPrefixLength", 24));
		Api.Response created = admin.post("/api/v1/meshes", Map.of("name", name, "pools", pools));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/meshes?q=" + name);
			assertThat(pageText(browser)).contains("pod 100.64.0.0/16", "service 100.65.0.0/16", "fabric 100.66.0.0/16")
				.doesNotContain("/16pod", "/16service", "/16fabric");
		}
	}

	private static String pageText(BrowserSession browser) {
		return String.valueOf(browser.script("return document.body.innerText")).replaceAll("\\s+", " ");
	}

	/** A cancelled plan of one step in each of two clusters, as the planner would have stored it. */
	private long plan(String first, String second) {
		Timestamp now = Timestamp.from(Instant.now());
		long id = jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision)
				VALUES (?, 'cancelled', 'admin', ?, ?, '{"1000": "0123456789abcdef"}'::jsonb) RETURNING id""", Long.class,
				unique("mesh"), now, now);
		String restart = json.writerFor(StepOperation.class)
			.writeValueAsString(new StepOperation.RestartPods("kube-system", "contrail-kube-manager"));
		int position = 0;
		for (String cluster : new String[] { first, second }) {
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					  object_name, action, before_state, after_state, risk, operation, state)
					VALUES (?, ?, ?, ?, ?, 'kubernetes', 'DaemonSet', 'kube-system/contrail-kube-manager', 'restart',
					  '{}'::jsonb, '{}'::jsonb, 'restarts kube-manager', ?::jsonb, 'cancelled')""", id, position,
					"restart-" + position, 1000 + position, cluster, restart);
			position++;
		}
		return id;
	}

}
