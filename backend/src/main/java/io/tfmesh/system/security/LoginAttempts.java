package io.tfmesh.system.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What follows a login attempt: a failure is logged (a warning, without stack trace), counted by
 * the {@link LoginThrottle} and published as a {@link LoginEvent} for the audit log; a success
 * clears the account's failures, and a dashboard login is published too.
 * <p>
 * Form and HTTP Basic attempts arrive as Spring Security's authentication events; which of the
 * two it was is the request attribute {@link #METHOD} that the {@link LoginThrottleFilter} set.
 */
class LoginAttempts {

	static final String METHOD = LoginAttempts.class.getName() + ".METHOD";

	static final String FORM = "form";

	static final String BASIC = "basic";

	static final String TOKEN = "token";

	private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

	private static final int MAX_LOGGED_USERNAME = 100;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	LoginAttempts(LoginThrottle throttle, ApplicationEventPublisher events) {
		this.throttle = throttle;
		this.events = events;
	}

	LoginThrottle throttle() {
		return throttle;
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureServiceExceptionEvent) {
			// the password could not be checked (the account store did not answer): no guess was made
			log.warn("Login of {} could not be checked: {}", printable(event.getAuthentication().getName()),
					event.getException().getMessage());
			return;
		}
		HttpServletRequest request = currentRequest();
		String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : request == null ? "unknown" : request.getRemoteAddr();
		Object method = request == null ? null : request.getAttribute(METHOD);
		String reason = event instanceof AuthenticationFailureBadCredentialsEvent ? "wrong username or password"
				: "account disabled or locked";
		failed(event.getAuthentication().getName(), address, method == null ? BASIC : method.toString(), reason);
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		throttle.succeeded(event.getAuthentication().getName());
	}

	void failed(@Nullable String username, String address, String method, String reason) {
		throttle.failed(username, address);
		log.warn("Failed {} login{} from {}: {}", method, username == null ? "" : " as '" + printable(username) + "'",
				address, reason);
		events.publishEvent(new LoginEvent(username, address, method, "failed", reason));
	}

	void formSucceeded(String username, String address) {
		log.info("Dashboard login as '{}' from {}", printable(username), address);
		events.publishEvent(new LoginEvent(username, address, FORM, "succeeded", null));
	}

	/** The username as a single line of bounded length: it is whatever the client sent. */
	private static String printable(String username) {
		String line = username.codePoints()
			.map(c -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return line.length() > MAX_LOGGED_USERNAME ? line.substring(0, MAX_LOGGED_USERNAME) + "…" : line;
	}

	private static @Nullable HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}

}
