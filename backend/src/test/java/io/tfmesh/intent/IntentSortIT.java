package io.tfmesh.intent;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/** The intent list is sorted in SQL by an allowed column, so its pages hold every intent once. */
class IntentSortIT extends IntegrationTestSupport {

	private record Row(long id, String from, String namespace, String protocol, String service) {
	}

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void sortingByProtocolInEitherDirectionPagesThroughEveryIntentOnceInThatOrder() {
		String prefix = unique("sorted");
		List<Long> ids = intents(prefix);

		List<Row> ascending = pages(prefix, "protocol");
		assertThat(ascending).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		// three protocols for five intents: rows tie and only the id keeps their order from page to page
		assertThat(ascending).isSortedAccordingTo(Comparator.comparing(Row::protocol).thenComparingLong(Row::id));
		List<Row> descending = pages(prefix, "-protocol");
		assertThat(descending).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(descending)
			.isSortedAccordingTo(Comparator.comparing(Row::protocol).thenComparingLong(Row::id).reversed());
	}

	@Test
	void withoutASortTheListGoesBySourceClusterThenNamespaceThenService() {
		String prefix = unique("sorted");
		List<Long> ids = intents(prefix);
		List<Row> rows = pages(prefix, "");
		assertThat(rows).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(rows).isSortedAccordingTo(
				Comparator.comparing(Row::from).thenComparing(Row::namespace).thenComparing(Row::service));
		List<Long> reversed = new ArrayList<>(rows.stream().map(Row::id).toList());
		Collections.reverse(reversed);
		assertThat(pages(prefix, "-from")).extracting(Row::id).containsExactlyElementsOf(reversed);
	}

	@Test
	void theApiRefusesAnOrderItCannotSortBy() {
		assertInvalidField(api.asAdmin().get("/api/v1/intents?sort=ports"), "sort");
		assertInvalidField(api.asAdmin().get("/api/v1/intents?sort=name;drop"), "sort");
	}

	@Test
	void thePageSortsFromItsHeadersAndSaysWhenItIgnoresAnOrder() {
		String prefix = unique("sorted");
		intents(prefix);
		DashboardSession page = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		HttpResponse<String> ignored = page.get("/intents?q=" + prefix + "&sort=ports");
		assertThat(ignored.statusCode()).isEqualTo(200);
		assertThat(ignored.body()).contains("cannot be sorted by “ports”", prefix + "-a");

		HttpResponse<String> sorted = page.get("/intents?q=" + prefix + "&sort=-protocol");
		assertThat(sorted.body()).doesNotContain("cannot be sorted")
			.contains("aria-sort=\"descending\"")
			.contains("href=\"/intents?q=" + prefix + "&amp;sort=protocol\"");
	}

	/** Five intents between two new clusters, written as the intent service would have stored them. */
	private List<Long> intents(String prefix) {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		long a = Fixtures.createCluster(admin, prefix + "-a", cloudId);
		long b = Fixtures.createCluster(admin, prefix + "-b", cloudId);
		Object[][] rows = { { b, "web", a, "orders", "tcp", "80" }, { a, "web", b, "orders", "udp", "53" },
				{ a, "api", b, "billing", "tcp", "443" }, { b, "api", a, "orders", "any", "" },
				{ a, "web", b, "billing", "udp", "53" } };
		List<Long> ids = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		for (Object[] row : rows) {
			ids.add(jdbc.queryForObject("""
					INSERT INTO intent (source_cluster_id, source_namespace, destination_cluster_id, destination_namespace,
					  destination_service, protocol, ports, created_at, created_by, updated_at)
					VALUES (?, ?, ?, 'backend', ?, ?, ?, ?, 'admin', ?) RETURNING id""", Long.class, row[0], row[1], row[2],
					row[3], row[4], row[5], now, now));
		}
		return ids;
	}

	private List<Row> pages(String q, String sort) {
		List<Row> rows = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = api.asAdmin().get("/api/v1/intents?q=" + q + "&size=2&sort=" + sort + "&page=" + page).json();
			body.get("items")
				.forEach(item -> rows.add(new Row(item.get("id").asLong(), item.get("sourceClusterName").asString(),
						item.get("sourceNamespace").asString(), item.get("protocol").asString(),
						item.get("destinationService").asString())));
		}
		return rows;
	}

}
