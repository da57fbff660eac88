package io.tfmesh.dashboard;

import io.tfmesh.support.BrowserSession;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** A person plans a mesh's addresses through the pages. */
class MeshPagesBrowserIT extends IntegrationTestSupport {

	@Test
	void anOperatorCreatesAMeshPlansItAndSeesTheBlocksDrawn() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String cluster = unique("member");
		Api.Response created = admin.post("/api/v1/clusters", Fixtures.cluster(cluster, cloudId));
		assertThat(created.status()).isEqualTo(201);
		String mesh = unique("mesh");
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/meshes");
			browser.click("new-mesh");
			browser.type("name", mesh);
			browser.type("podCidr", "100.64.0.0/10");
			browser.type("fabricCidr", "172.16.0.0/12");
			browser.clickLabelOf(cluster);
			browser.click("save");
			assertThat(browser.textOf(By.id("fabricCidr-error"))).contains("overlaps the underlay 172.31.0.0/16");

			browser.type("fabricCidr", "10.64.0.0/11");
			browser.click("save");
			browser.waitForText("Mesh " + mesh + " was created.");
			assertThat(browser.textOf(By.id("members"))).contains(cluster, "not planned");

			browser.click("plan-addresses");
			browser.waitForText("allocated or kept");
			assertThat(browser.textOf(By.id("members"))).contains("pod 100.64.0.0/16", "service 10.96.0.0/20",
					"fabric 10.64.0.0/20", "64512");
			assertThat(browser.textOf(By.id("allocation-table"))).contains("100.64.0.0/16", "65536", cluster);
			assertThat(browser.has(By.cssSelector("#pool-pod .seg[title^='100.64.0.0/16']"))).isTrue();
			assertThat(browser.has(By.cssSelector("#pool-pod .seg.free"))).isTrue();
			// every stretch is reachable by keyboard and named for screen readers, and listed beside the bar
			assertThat(browser.has(By.cssSelector("#pool-pod .seg[tabindex='0'][aria-label^='100.64.0.0/16: " + cluster + "']")))
				.isTrue();
			assertThat(browser.has(By.xpath("//table[@id='pool-table-pod']//tr[td[1][.='100.64.0.0/16']][td[2][contains(., '"
					+ cluster + "')]]"))).isTrue();
		}
		long meshId = admin.get("/api/v1/meshes?q=" + mesh).json().at("/items/0/id").asLong();
		assertThat(admin.get("/api/v1/meshes/" + meshId + "/members").json().at("/items/0/asn").asLong()).isEqualTo(64512);
	}

	@Test
	void theConflictsOfAMeshAreListedOnItsPage() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		long a = admin.post("/api/v1/clusters", Fixtures.cluster(unique("a"), cloudId)).json().get("id").asLong();
		long b = admin.post("/api/v1/clusters", Fixtures.cluster(unique("b"), cloudId)).json().get("id").asLong();
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(a, b)))
			.json()
			.get("id")
			.asLong();
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/meshes/" + meshId);
			assertThat(browser.textOf(By.id("conflict-table"))).contains("all use ASN 64512", "was never observed");
		}
	}

}
