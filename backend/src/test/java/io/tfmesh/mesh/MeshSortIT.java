package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/** The mesh list is sorted in SQL by an allowed column, so its pages hold every mesh once. */
class MeshSortIT extends IntegrationTestSupport {

	@Test
	void sortingByNameInEitherDirectionPagesThroughEveryMeshOnce() {
		Api admin = api.asAdmin();
		String prefix = unique("sorted");
		List<String> names = new ArrayList<>();
		for (String suffix : List.of("c", "a", "e", "b", "d")) {
			String name = prefix + "-" + suffix;
			assertThat(admin.post("/api/v1/meshes", Map.of("name", name)).status()).isEqualTo(201);
			names.add(name);
		}
		List<String> ascending = names.stream().sorted().toList();
		assertThat(pages(admin, prefix, "name")).containsExactlyElementsOf(ascending);
		assertThat(pages(admin, prefix, "-name")).containsExactlyElementsOf(names.stream().sorted(Comparator.reverseOrder()).toList());
	}

	@Test
	void theApiRefusesAnOrderItCannotSortBy() {
		assertInvalidField(api.asAdmin().get("/api/v1/meshes?sort=description"), "sort");
		assertInvalidField(api.asAdmin().get("/api/v1/meshes?sort=name;drop"), "sort");
	}

	private List<String> pages(Api admin, String q, String sort) {
		List<String> names = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			admin.get("/api/v1/meshes?q=" + q + "&size=2&sort=" + sort + "&page=" + page)
				.json()
				.get("items")
				.forEach(item -> names.add(item.get("name").asString()));
		}
		return names;
	}

}
