package io.tfmesh.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a dashboard session as soon as its account changes: each request of a logged-in session
 * reads the account again and compares its {@link AccountStamp} with the one taken at login
 * ({@link AccountSessions}). A demoted, disabled, re-passworded or deleted user's session is
 * invalidated before the request is authorized, so the request is anonymous and is sent to the
 * login page, a form post too.
 */
class SessionAccountFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionAccountFilter.class);

	private final AccountSessions sessions;

	SessionAccountFilter(AccountSessions sessions) {
		this.sessions = sessions;
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
				&& !(authentication instanceof AnonymousAuthenticationToken)
				&& !sessions.isCurrent(session, authentication.getName())) {
			log.info("Ended the dashboard session of '{}': the account was changed or deleted",
					authentication.getName());
			SecurityContextHolder.clearContext();
			session.invalidate();
		}
		chain.doFilter(request, response);
	}

}
