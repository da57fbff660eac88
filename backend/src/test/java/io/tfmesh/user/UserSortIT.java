package io.tfmesh.user;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;

/** The user list sorts by an allowed column and refuses any other. */
class UserSortIT extends IntegrationTestSupport {

	@Test
	void sortingByUsernameDescendingPagesThroughEveryMatchingUserOnce() {
		Api admin = api.asAdmin();
		String prefix = unique("sorted");
		List<String> names = new ArrayList<>();
		for (String suffix : List.of("b", "d", "a", "c")) {
			String name = prefix + suffix;
			assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", "password-1", "role", "viewer"))
				.status()).isEqualTo(201);
			names.add(name);
		}
		List<String> listed = new ArrayList<>();
		for (int page = 0; page < 2; page++) {
			admin.get("/api/v1/users?q=" + prefix + "&size=2&sort=-username&page=" + page)
				.json()
				.get("items")
				.forEach(item -> listed.add(item.get("username").asString()));
		}
		assertThat(listed).containsExactlyElementsOf(names.stream().sorted(Comparator.reverseOrder()).toList());
	}

	@Test
	void theApiRefusesAnOrderItCannotSortBy() {
		assertInvalidField(api.asAdmin().get("/api/v1/users?sort=password"), "sort");
	}

}
