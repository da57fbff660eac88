package io.tfmesh.dashboard;

import io.tfmesh.support.BrowserSession;
import java.util.Map;

import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** A person in a browser keeps the inventory: logs in, then creates, lists, edits and deletes. */
class InventoryPagesBrowserIT extends IntegrationTestSupport {

	@Test
	void anOperatorKeepsCloudsAndClustersThroughThePages() {
		String cloud = unique("cloud");
		String cluster = unique("cluster");
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");

			browser.go("/clouds");
			browser.click("new-cloud");
			browser.type("name", cloud);
			browser.select("provider", "Google Cloud");
			browser.type("region", "europe-west1");
			browser.type("underlayCidrs", "10.132.0.1/20");
			browser.type("underlayGateway", "10.132.0.1");
			browser.click("save");
			assertThat(browser.textOf(By.id("underlayCidrs-error")))
				.contains("has host bits set; the network is 10.132.0.0/20");

			browser.type("underlayCidrs", "10.132.0.0/20");
			browser.click("save");
			browser.waitForText("Cloud " + cloud + " was created.");
			assertThat(browser.text()).contains("10.132.0.0/20", "10.132.0.1", "europe-west1");

			browser.go("/clouds?q=" + cloud);
			assertThat(browser.textOf(By.id("cloud-table"))).contains(cloud, "Google Cloud", "10.132.0.0/20");

			browser.clickLink(cloud);
			browser.click("edit-cloud");
			browser.type("region", "europe-west4");
			browser.click("save");
			browser.waitForText("Cloud " + cloud + " was saved.");
			assertThat(browser.text()).contains("europe-west4").doesNotContain("europe-west1");

			browser.go("/clusters");
			browser.click("new-cluster");
			browser.type("name", cluster);
			browser.select("cloudId", cloud + " (europe-west4)");
			browser.type("kubernetesApiUrl", "https://10.132.0.5:6443");
			browser.type("kubeconfig", Fixtures.KUBECONFIG);
			browser.type("tfApiUrl", "http://10.132.0.5:8082");
			browser.type("bgpAsn", "64512");
			browser.type("controlNodes", "10.132.0.10");
			browser.type("labels", "env=demo");
			browser.click("save");
			browser.waitForText("Cluster " + cluster + " was registered.");
			assertThat(browser.text()).contains("kubeconfig set", "http://10.132.0.5:8082", "env=demo")
				.doesNotContain("kubeconfig-embedded-secret-token");

			browser.go("/clusters?q=" + cluster);
			assertThat(browser.textOf(By.id("cluster-table"))).contains(cluster, cloud, "64512");

			browser.clickLink(cluster);
			browser.click("edit-cluster");
			assertThat(browser.text()).contains("stored — leave empty to keep it");
			browser.type("bgpAsn", "64600");
			browser.click("save");
			browser.waitForText("Cluster " + cluster + " was saved.");
			assertThat(browser.text()).contains("64600", "kubeconfig set");

			browser.go("/clouds?q=" + cloud);
			browser.clickLink(cloud);
			browser.click("delete-cloud");
			assertThat(browser.text()).contains("cannot be deleted", cluster);

			browser.go("/clusters?q=" + cluster);
			browser.clickLink(cluster);
			browser.click("delete-cluster");
			browser.click("confirm-delete");
			browser.waitForText("Cluster " + cluster + " was deleted.");

			browser.go("/clouds?q=" + cloud);
			browser.clickLink(cloud);
			browser.click("delete-cloud");
			browser.click("confirm-delete");
			browser.waitForText("Cloud " + cloud + " was deleted.");
			browser.go("/clouds?q=" + cloud);
			assertThat(browser.has(By.id("cloud-table"))).isFalse();
			assertThat(browser.text()).contains("No cloud matches");
		}
	}

	@Test
	void aViewerSeesTheInventoryButNoWayToChangeIt() {
		String cloud = unique("cloud");
		Fixtures.createCloud(api.asAdmin(), cloud);
		String viewer = unique("viewer");
		assertThat(api.asAdmin()
			.post("/api/v1/users", Map.of("username", viewer, "password", "viewer-password", "role", "viewer"))
			.status()).isEqualTo(201);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(viewer, "viewer-password");
			browser.go("/clouds?q=" + cloud);
			assertThat(browser.textOf(By.id("cloud-table"))).contains(cloud);
			assertThat(browser.has(By.id("new-cloud"))).isFalse();
			browser.clickLink(cloud);
			assertThat(browser.has(By.id("edit-cloud"))).isFalse();
			browser.go("/clouds/new");
			browser.waitForText("403");
			assertThat(browser.has(By.id("cloud-form"))).isFalse();
		}
	}

	@Test
	void aWrongPasswordKeepsTheDashboardClosed() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, "not-the-password");
			browser.waitForText("Wrong username or password");
			browser.go("/clouds");
			browser.waitForPath("/login");
		}
	}

}
