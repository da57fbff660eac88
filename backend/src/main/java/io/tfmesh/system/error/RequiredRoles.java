package io.tfmesh.system.error;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.stereotype.Component;

/**
 * The least role that may send a request the current user was refused, read from the same
 * access rules that refused it, so that the 403 page names it instead of guessing.
 */
@Component
class RequiredRoles {

	/** The roles, weakest first; each includes those before it. */
	private static final List<String> ROLES = List.of("viewer", "operator", "admin");

	private final List<SecurityFilterChain> chains;

	RequiredRoles(List<SecurityFilterChain> chains) {
		this.chains = chains;
	}

	/**
	 * @param request the refused request, also when it reaches the error page
	 * @param path its path inside the application
	 * @return the role's name, or null when no role may send it
	 */
	@Nullable String needed(HttpServletRequest request, String path) {
		HttpServletRequest asked = new AskedRequest(request, path);
		AuthorizationManager<HttpServletRequest> rules = rulesFor(asked);
		if (rules == null) {
			return null;
		}
		int held = rank(SecurityContextHolder.getContext().getAuthentication());
		for (int i = 0; i < ROLES.size(); i++) {
			Authentication holder = holder(ROLES.get(i));
			AuthorizationResult result = rules.authorize(() -> holder, asked);
			if (result != null && result.isGranted()) {
				// the address's rules let this user in, so a rule on the action itself refused:
				// every one of those asks for more than the user holds
				return i > held ? ROLES.get(i) : (held + 1 < ROLES.size() ? ROLES.get(held + 1) : null);
			}
		}
		return null;
	}

	private @Nullable AuthorizationManager<HttpServletRequest> rulesFor(HttpServletRequest request) {
		for (SecurityFilterChain chain : chains) {
			if (chain.matches(request)) {
				for (Filter filter : chain.getFilters()) {
					if (filter instanceof AuthorizationFilter authorization) {
						return authorization.getAuthorizationManager();
					}
				}
				return null;
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

	/**
	 * The refused request as it first arrived, not as the error dispatch shows it, with
	 * attributes of its own so that matching it leaves the real request's cached paths alone.
	 */
	private static final class AskedRequest extends HttpServletRequestWrapper {

		private final String path;

		private final Map<String, Object> attributes = new HashMap<>();

		AskedRequest(HttpServletRequest request, String path) {
			super(request);
			this.path = path;
		}

		@Override
		public DispatcherType getDispatcherType() {
			return DispatcherType.REQUEST;
		}

		@Override
		public String getRequestURI() {
			return getContextPath() + path;
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(getScheme() + "://" + getServerName() + ":" + getServerPort() + getRequestURI());
		}

		@Override
		public String getServletPath() {
			return path;
		}

		@Override
		public @Nullable String getPathInfo() {
			return null;
		}

		@Override
		public @Nullable String getQueryString() {
			return null;
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return attributes.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(attributes.keySet());
		}

		@Override
		public void setAttribute(String name, Object value) {
			attributes.put(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			attributes.remove(name);
		}

	}

}
