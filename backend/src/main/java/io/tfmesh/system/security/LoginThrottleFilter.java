package io.tfmesh.system.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt before any password is checked when its username or its client
 * address has failed too often: a form login is sent back to the login page with a message, an
 * HTTP Basic or token call gets 429 with {@code Retry-After}. Marks each attempt with its
 * {@link LoginAttempts#METHOD}.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private static final String BASIC_PREFIX = "Basic ";

	private static final String BEARER_PREFIX = "Bearer ";

	private final LoginThrottle throttle;

	private final @Nullable ProblemResponses problems;

	/** For the dashboard's form login. */
	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
		this.problems = null;
	}

	/** For the API's HTTP Basic and token authentication. */
	LoginThrottleFilter(LoginThrottle throttle, ProblemResponses problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Attempt attempt = problems == null ? formAttempt(request) : apiAttempt(request);
		if (attempt == null) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(LoginAttempts.METHOD, attempt.method());
		Optional<Duration> wait = throttle.refusal(attempt.username(), request.getRemoteAddr());
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		if (problems == null) {
			response.sendRedirect(request.getContextPath() + "/login?throttled=" + minutes(seconds));
		}
		else {
			problems.tooManyAttempts(request, response, "Too many failed logins for this "
					+ (attempt.username() == null ? "client" : "account or client") + "; try again in " + seconds
					+ " seconds");
		}
	}

	private static @Nullable Attempt formAttempt(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || !"/login".equals(path)) {
			return null;
		}
		String username = request.getParameter("username");
		return new Attempt(username == null ? "" : username.strip(), LoginAttempts.FORM);
	}

	private static @Nullable Attempt apiAttempt(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return null;
		}
		if (header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
			return new Attempt(null, LoginAttempts.TOKEN);
		}
		if (header.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC_PREFIX.length()).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon < 0 ? null : new Attempt(decoded.substring(0, colon), LoginAttempts.BASIC);
			}
			catch (IllegalArgumentException ex) {
				// not Base64: Basic authentication refuses it without checking a password
				return null;
			}
		}
		return null;
	}

	private static long minutes(long seconds) {
		return (seconds + 59) / 60;
	}

	private record Attempt(@Nullable String username, String method) {
	}

}
