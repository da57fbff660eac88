package io.tfmesh.mesh;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Checks for the few actions that need more than the request's path tells the security rules. */
final class Roles {

	private Roles() {
	}

	static void requireAdmin(String action) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		boolean admin = caller != null
				&& caller.getAuthorities().stream().anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
		if (!admin) {
			throw new AccessDeniedException("Only admins may " + action);
		}
	}

}
