package io.tfmesh.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tfmesh.system.security.LoginEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every dashboard login and every failed login in the audit log, with its client address. */
@Component
class LoginAudit {

	/** The actor of a failed attempt with an API token, which names no user. */
	static final String TOKEN_ACTOR = "(api token)";

	private static final int MAX_ACTOR_LENGTH = 100;

	private final AuditLog audit;

	LoginAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void on(LoginEvent event) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("address", event.address());
		state.put("method", event.method());
		state.put("outcome", event.outcome());
		if (event.reason() != null) {
			state.put("reason", event.reason());
		}
		audit.recordLogin(event.succeeded() ? AuditAction.LOGIN : AuditAction.LOGIN_FAILED, actor(event), state);
	}

	/** The username tried, cut short: a failed attempt may carry any text at all. */
	private static String actor(LoginEvent event) {
		String username = event.username() == null ? TOKEN_ACTOR : event.username();
		return username.length() > MAX_ACTOR_LENGTH ? username.substring(0, MAX_ACTOR_LENGTH) : username;
	}

}
