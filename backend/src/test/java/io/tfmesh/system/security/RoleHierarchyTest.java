package io.tfmesh.system.security;

import java.util.Arrays;
import java.util.List;

import io.tfmesh.user.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Each role includes the ones below it, and only those. */
class RoleHierarchyTest {

	private final RoleHierarchy hierarchy = SecurityConfiguration.roleHierarchy();

	@Test
	void eachRoleReachesItselfAndTheRolesBelowIt() {
		assertThat(reachable(Role.ADMIN)).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER");
		assertThat(reachable(Role.OPERATOR)).containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
		assertThat(reachable(Role.VIEWER)).containsExactly("ROLE_VIEWER");
	}

	@Test
	void everyRoleOfTheUserModuleHasItsPlaceInTheHierarchy() {
		assertThat(reachable(Role.ADMIN))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::authority).toList());
	}

	private List<String> reachable(Role role) {
		return AuthorityUtils.authorityListToSet(
				hierarchy.getReachableGrantedAuthorities(AuthorityUtils.createAuthorityList(role.authority())))
			.stream()
			.toList();
	}

}
