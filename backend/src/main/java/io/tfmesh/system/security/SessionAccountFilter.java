package io.tfmesh.system.security;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a dashboard session as soon as its account changes: each request of a logged-in session
 * reads the account again and compares its {@link AccountStamp} with the one taken at login. A
 * demoted, disabled, re-passworded or deleted user's session is invalidated before the request
 * is authorized, so the request is anonymous: a page sends it to the login page, a form post
 * fails its CSRF check.
 */
class SessionAccountFilter extends OncePerRequestFilter {

	static final String STAMP = SessionAccountFilter.class.getName() + ".STAMP";

	private static final Logger log = LoggerFactory.getLogger(SessionAccountFilter.class);

	private final UserDetailsService accounts;

	SessionAccountFilter(UserDetailsService accounts) {
		this.accounts = accounts;
	}

	/** Remembers the account's current stamp in the session that has just logged in. */
	void stamp(HttpServletRequest request, String username) {
		String stamp = currentStamp(username);
		HttpSession session = request.getSession(false);
		if (session != null && stamp != null) {
			session.setAttribute(STAMP, stamp);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return request.getSession(false) == null || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.startsWith("/webjars/") || path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			Object stamped = session.getAttribute(STAMP);
			if (stamped == null || !Objects.equals(stamped, currentStamp(authentication.getName()))) {
				log.info("Ended the dashboard session of '{}': the account was changed or deleted",
						authentication.getName());
				SecurityContextHolder.clearContext();
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}

	private @Nullable String currentStamp(String username) {
		try {
			UserDetails account = accounts.loadUserByUsername(username);
			return account.isEnabled() ? AccountStamp.of(account) : null;
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

}
