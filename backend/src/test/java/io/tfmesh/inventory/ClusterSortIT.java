package io.tfmesh.inventory;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster list is sorted by a column in SQL, so its pages hold every row once. */
class ClusterSortIT extends IntegrationTestSupport {

	private record Row(long id, long asn) {
	}

	@Test
	void sortingByAsnInEitherDirectionPagesThroughEveryClusterOnceInThatOrder() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		// repeated ASNs, so rows tie and only the id keeps their order from page to page
		long[] asns = { 64600, 64601, 64600, 64602, 64601, 64600, 64603 };
		Map<Long, Long> created = new HashMap<>();
		for (long asn : asns) {
			Map<String, Object> cluster = Fixtures.cluster(unique("c"), cloudId);
			cluster.put("bgpAsn", asn);
			Api.Response response = admin.post("/api/v1/clusters", cluster);
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			created.put(response.json().get("id").asLong(), asn);
		}

		List<Row> ascending = pages(admin, cloudId, "asn");
		assertThat(ascending).extracting(Row::id).containsExactlyInAnyOrderElementsOf(created.keySet());
		assertThat(ascending).isSortedAccordingTo(Comparator.comparingLong(Row::asn).thenComparingLong(Row::id));

		List<Row> descending = pages(admin, cloudId, "-asn");
		assertThat(descending).extracting(Row::id).containsExactlyInAnyOrderElementsOf(created.keySet());
		assertThat(descending)
			.isSortedAccordingTo(Comparator.comparingLong(Row::asn).thenComparingLong(Row::id).reversed());
	}

	@Test
	void theApiRefusesAnOrderItCannotSortBy() {
		assertInvalidField(api.asAdmin().get("/api/v1/clusters?sort=kubeconfig"), "sort");
	}

	@Test
	void thePageIgnoresAnOrderItCannotSortByAndSaysSo() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String name = unique("c");
		assertThat(admin.post("/api/v1/clusters", Fixtures.cluster(name, cloudId)).status()).isEqualTo(201);
		DashboardSession page = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		HttpResponse<String> ignored = page.get("/clusters?cloudId=" + cloudId + "&sort=kubeconfig");
		assertThat(ignored.statusCode()).isEqualTo(200);
		assertThat(ignored.body()).contains("cannot be sorted by “kubeconfig”", name);

		HttpResponse<String> sorted = page.get("/clusters?cloudId=" + cloudId + "&sort=-asn&page=0");
		assertThat(sorted.body()).doesNotContain("cannot be sorted")
			.contains("aria-sort=\"descending\"")
			// the header asks for the other direction, keeps the filter and starts again at the first page
			.contains("href=\"/clusters?cloudId=" + cloudId + "&amp;sort=asn\"");
	}

	private List<Row> pages(Api admin, long cloudId, String sort) {
		List<Row> rows = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = admin.get("/api/v1/clusters?cloudId=" + cloudId + "&size=3&sort=" + sort + "&page=" + page)
				.json();
			body.get("items").forEach(item -> rows.add(new Row(item.get("id").asLong(), item.get("bgpAsn").asLong())));
		}
		return rows;
	}

}
