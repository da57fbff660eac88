package io.tfmesh.system.error;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.stereotype.Component;

/**
 * The least role that may send a request the current user was refused, read from the same
 * access rules that refused it, so that the 403 page names it instead of guessing.
 */
@Component
class RequiredRoles {

	/** The roles, weakest first; each includes those before it. */
	private static final List<String> ROLES = List.of("viewer", "operator", "admin");

	private final WebInvocationPrivilegeEvaluator privileges;

	RequiredRoles(WebInvocationPrivilegeEvaluator privileges) {
		this.privileges = privileges;
	}

	/**
	 * @return the role's name, or null when no role may send it
	 */
	@Nullable String needed(String method, String path) {
		int held = rank(SecurityContextHolder.getContext().getAuthentication());
		for (int i = 0; i < ROLES.size(); i++) {
			if (privileges.isAllowed("", path, method, holder(ROLES.get(i)))) {
				// the address's rules let this user in, so a rule on the action itself refused:
				// every one of those asks for more than the user holds
				return i > held ? ROLES.get(i) : (held + 1 < ROLES.size() ? ROLES.get(held + 1) : null);
			}
		}
		return null;
	}

	private static int rank(@Nullable Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return -1;
		}
		int rank = -1;
		for (int i = 0; i < ROLES.size(); i++) {
			String authority = "ROLE_" + ROLES.get(i).toUpperCase(Locale.ROOT);
			if (authentication.getAuthorities().stream().anyMatch(held -> authority.equals(held.getAuthority()))) {
				rank = i;
			}
		}
		return rank;
	}

	private static Authentication holder(String role) {
		return UsernamePasswordAuthenticationToken.authenticated("role-" + role, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))));
	}

}
