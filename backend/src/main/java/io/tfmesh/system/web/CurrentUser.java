package io.tfmesh.system.web;

import java.util.Collection;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The logged-in user, as pages need it to show or hide what the role allows. */
public record CurrentUser(String username, String role, boolean operator, boolean admin) {

	/**
	 * @param roles what each role includes: a user holds its own role's authority only
	 */
	static CurrentUser of(Authentication authentication, RoleHierarchy roles) {
		Collection<? extends GrantedAuthority> authorities = roles
			.getReachableGrantedAuthorities(authentication.getAuthorities());
		boolean admin = has(authorities, "ROLE_ADMIN");
		boolean operator = has(authorities, "ROLE_OPERATOR");
		String role = admin ? "admin" : operator ? "operator" : "viewer";
		return new CurrentUser(authentication.getName(), role, operator, admin);
	}

	private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
		return authorities.stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
	}

}
