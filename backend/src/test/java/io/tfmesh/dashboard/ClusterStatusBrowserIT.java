package io.tfmesh.dashboard;

import java.time.Duration;

import io.tfmesh.support.BrowserSession;
import io.tfmesh.support.EmulatedStoryCluster;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.OnboardingApplicationSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person registers a cluster whose control node has no BGP configuration for itself, sees
 * each connection's test, then the cluster's page: the verdict on top, the observed state
 * refreshing by itself, and a visible sign while an observation runs.
 */
class ClusterStatusBrowserIT extends OnboardingApplicationSupport {

	private static EmulatedStoryCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = EmulatedStoryCluster.start("status-master");
		cluster.introspect.controlWithoutBgpConfig();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@AfterEach
	void clearFaults() {
		cluster.kubernetes.latency(Duration.ZERO);
	}

	@Test
	void theClusterPageOpensWithTheVerdictAndKeepsItselfCurrent() {
		String cloud = "status-cloud-" + System.nanoTime();
		String name = "status-" + System.nanoTime();
		Fixtures.createCloud(api.asAdmin(), cloud);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(IntegrationTestSupport.ADMIN, IntegrationTestSupport.ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/clusters/new");
			browser.type("name", name);
			browser.select("cloudId", cloud + " (us-east-1)");
			browser.type("kubernetesApiUrl", cluster.kubernetes.url());
			browser.type("kubeconfig", Fixtures.KUBECONFIG);
			browser.type("tfApiUrl", cluster.tungstenFabric.url());
			browser.type("bgpAsn", "64512");
			browser.type("controlNodes", cluster.master);
			browser.click("save");
			// the answer waits for the connection tests, which set up the cluster's first clients
			await().atMost(Duration.ofSeconds(60))
				.until(() -> browser.text().contains("Cluster " + name + " was registered. Its first observation has started."));
			assertThat(browser.textOf(By.id("connection-kubernetes"))).startsWith("ok").contains(cluster.kubernetes.url());
			assertThat(browser.textOf(By.id("connection-tungsten-fabric"))).startsWith("ok");
			assertThat(browser.textOf(By.id("connection-introspect"))).startsWith("ok").contains(cluster.master + ":8083");

			// the first observation was started by the registration; the panel finds it by itself
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(browser.textOf(By.id("cluster-verdict")))
					.contains("control: initializing (No BGP configuration for self)"));
			assertThat(browser.script("return document.getElementById('cluster-verdict').className")).asString()
				.contains("critical");
			assertThat(browser.textOf(By.id("observed-sources"))).contains("read");
			assertThat(browser.script("return document.querySelectorAll('#observed-sources .badge.ok').length"))
				.isEqualTo(0L);
			assertThat(browser.script("return document.querySelectorAll('#observed-health .badge.critical').length"))
				.isEqualTo(1L);
			assertThat(browser.script("return document.querySelector('#observed-health time').getAttribute('title')"))
				.asString()
				.endsWith("UTC");

			String refreshed = browser.textOf(By.id("observed-refreshed"));
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(browser.textOf(By.id("observed-refreshed"))).isNotEqualTo(refreshed));

			cluster.kubernetes.latency(Duration.ofSeconds(3));
			String observedAt = attribute("#observed-age time", "datetime", browser);
			// by script: the panel may be replaced by a refresh between finding the button and clicking it
			browser.script("document.getElementById('observe-now').click()");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(indicatorShown(browser)).isTrue());
			assertThat(browser.script("return document.getElementById('observe-now').disabled")).isEqualTo(true);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(attribute("#observed-age time", "datetime", browser)).isNotEqualTo(observedAt);
				assertThat(indicatorShown(browser)).isFalse();
			});
			browser.screenshot("cluster-status");
		}
	}

	private static boolean indicatorShown(BrowserSession browser) {
		Object shown = browser.script("var i = document.getElementById('observe-progress');"
				+ " return i != null && getComputedStyle(i).display !== 'none'");
		return Boolean.TRUE.equals(shown);
	}

	private static String attribute(String selector, String name, BrowserSession browser) {
		return String.valueOf(browser.script("var e = document.querySelector('" + selector + "');"
				+ " return e == null ? null : e.getAttribute('" + name + "')"));
	}

}
