package io.tfmesh.plan;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan list is searched and sorted in SQL, newest first unless asked otherwise, so its pages
 * hold every plan once.
 */
class PlanSortIT extends IntegrationTestSupport {

	private record Row(long id, String mesh, String author, Instant created) {
	}

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theListIsNewestFirstUnlessSortedByAnotherColumnInEitherDirection() {
		String prefix = unique("sorted");
		List<Long> ids = plans(prefix);

		List<Row> newest = pages(prefix, "");
		assertThat(newest).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(newest).isSortedAccordingTo(Comparator.comparing(Row::created).reversed());

		List<Row> byAuthor = pages(prefix, "author");
		assertThat(byAuthor).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		// two authors for five plans: rows tie and only the id keeps their order from page to page
		assertThat(byAuthor).isSortedAccordingTo(Comparator.comparing(Row::author).thenComparingLong(Row::id));
		List<Row> byAuthorReversed = pages(prefix, "-author");
		assertThat(byAuthorReversed).extracting(Row::id).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(byAuthorReversed)
			.isSortedAccordingTo(Comparator.comparing(Row::author).thenComparingLong(Row::id).reversed());

		assertThat(pages(prefix, "created")).isSortedAccordingTo(Comparator.comparing(Row::created));
	}

	@Test
	void theSearchFindsAPlanByItsMeshAuthorOrNumber() {
		String prefix = unique("searched");
		List<Long> ids = plans(prefix);
		assertThat(pages(prefix + "-mesh-2", "")).extracting(Row::id).containsExactly(ids.get(2));
		assertThat(pages(prefix + "-bob", "")).extracting(Row::id)
			.containsExactlyInAnyOrder(ids.get(1), ids.get(3));
		assertThat(pages("%23" + ids.get(4), "")).extracting(Row::id).contains(ids.get(4)).doesNotContain(ids.get(3));
	}

	@Test
	void theApiRefusesAnOrderItCannotSortBy() {
		assertInvalidField(api.asAdmin().get("/api/v1/plans?sort=steps"), "sort");
		assertInvalidField(api.asAdmin().get("/api/v1/plans?sort=id;drop"), "sort");
	}

	@Test
	void thePageSearchesSortsFromItsHeadersAndSaysWhenItIgnoresAnOrder() {
		String prefix = unique("paged");
		List<Long> ids = plans(prefix);
		DashboardSession page = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		HttpResponse<String> ignored = page.get("/plans?q=" + prefix + "&sort=steps");
		assertThat(ignored.statusCode()).isEqualTo(200);
		assertThat(ignored.body()).contains("cannot be sorted by “steps”", "/plans/" + ids.get(0));

		HttpResponse<String> found = page.get("/plans?q=" + prefix + "-bob&sort=-author");
		assertThat(found.body()).doesNotContain("cannot be sorted")
			.contains("/plans/" + ids.get(1) + "\"", "/plans/" + ids.get(3) + "\"", "aria-sort=\"descending\"")
			.doesNotContain("/plans/" + ids.get(0) + "\"")
			.contains("href=\"/plans?q=" + prefix + "-bob&amp;sort=author\"");
		assertThat(page.get("/plans?q=" + unique("nothing")).body()).contains("No plan matches the search");
	}

	/** Five finished plans of two authors, each a minute younger than the one before. */
	private List<Long> plans(String prefix) {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String author = prefix + (i % 2 == 0 ? "-alice" : "-bob");
			Timestamp created = Timestamp.from(start.plus(i, ChronoUnit.MINUTES));
			ids.add(jdbc.queryForObject("""
					INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision)
					VALUES (?, 'rejected', ?, ?, ?, '{}'::jsonb) RETURNING id""", Long.class, prefix + "-mesh-" + i,
					author, created, created));
		}
		return ids;
	}

	private List<Row> pages(String q, String sort) {
		List<Row> rows = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = api.asAdmin().get("/api/v1/plans?q=" + q + "&size=2&sort=" + sort + "&page=" + page).json();
			body.get("items")
				.forEach(item -> rows.add(new Row(item.get("id").asLong(), item.get("meshName").asString(),
						item.get("author").asString(), Instant.parse(item.get("createdAt").asString()))));
		}
		return rows;
	}

}
