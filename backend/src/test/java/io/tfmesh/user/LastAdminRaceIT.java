package io.tfmesh.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Concurrently;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two admins who take each other's admin role at the same moment: one of them wins, the other
 * is refused, and an enabled admin always remains.
 */
class LastAdminRaceIT extends IntegrationTestSupport {

	private static final String USERS = "/api/v1/users";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void twoAdminsDemotingOrDisablingEachOtherAtOnceLeaveOneEnabledAdmin() {
		List<Long> othersTurnedOff = new ArrayList<>();
		try {
			for (int round = 0; round < 4; round++) {
				TestAccount first = Fixtures.account(api, "admin");
				TestAccount second = Fixtures.account(api, "admin");
				othersTurnedOff.addAll(leaveOnlyEnabledAdmins(first.id(), second.id()));
				// even rounds demote, odd rounds disable: both take an admin away
				Map<String, Object> takeAway = round % 2 == 0 ? Map.of("role", "viewer", "enabled", true, "version", 0)
						: Map.of("role", "admin", "enabled", false, "version", 0);

				List<Api.Response> responses = Concurrently.run(2, i -> i == 0
						? first.client().put(USERS + "/" + second.id(), takeAway)
						: second.client().put(USERS + "/" + first.id(), takeAway));

				assertThat(responses.stream().filter(response -> response.status() == 200).count())
					.as(responses.toString())
					.isEqualTo(1);
				Api.Response refused = responses.stream().filter(response -> response.status() != 200).findFirst()
					.orElseThrow();
				// refused by the last-admin rule, or already without the admin role when it arrived
				assertThat(refused.status()).as(refused.toString()).isIn(409, 401, 403);
				if (refused.status() == 409) {
					assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
					assertThat(refused.json().get("detail").asString()).contains("last enabled admin");
				}
				assertThat(enabledAdmins()).as("round " + round).hasSize(1).containsAnyOf(first.id(), second.id());
				jdbc.update("UPDATE app_user SET role = 'VIEWER', enabled = false WHERE id IN (?, ?)", first.id(),
						second.id());
				// the bootstrap admin makes the next round's admins
				jdbc.update("UPDATE app_user SET role = 'ADMIN', enabled = true WHERE username = ?", ADMIN);
			}
		}
		finally {
			jdbc.update("UPDATE app_user SET role = 'ADMIN', enabled = true WHERE username = ?", ADMIN);
			for (long id : othersTurnedOff) {
				jdbc.update("UPDATE app_user SET enabled = true WHERE id = ?", id);
			}
		}
		assertThat(api.asAdmin().get(USERS).status()).isEqualTo(200);
	}

	/** Disables every other enabled admin, straight in the database, and says which. */
	private List<Long> leaveOnlyEnabledAdmins(long first, long second) {
		List<Long> others = enabledAdmins().stream().filter(id -> id != first && id != second).toList();
		for (long id : others) {
			jdbc.update("UPDATE app_user SET enabled = false WHERE id = ?", id);
		}
		assertThat(enabledAdmins()).containsExactlyInAnyOrder(first, second);
		return others;
	}

	private List<Long> enabledAdmins() {
		return jdbc.queryForList("SELECT id FROM app_user WHERE role = 'ADMIN' AND enabled", Long.class);
	}

}
