package io.tfmesh.mesh;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The admin-only checks that {@link AllocationService#reserve} and {@link AllocationService#releaseOne}
 * still make by hand. Method security makes the same checks before a request reaches them
 * ({@code @PreAuthorize} on the reservation handlers of {@link AllocationApiController} and
 * {@link MeshPageController}, see {@link AllocationAccess}); this class goes once the service
 * drops its two calls. With the role hierarchy a user holds only its own role's authority,
 * which is still right here because no role lies above admin.
 */
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
