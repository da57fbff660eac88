package io.tfmesh.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user may do: a viewer reads everything but secrets; an operator edits inventory and
 * intents and creates and applies plans; an admin also approves plans and manages users.
 * A user holds the one authority of its role; the role hierarchy of the security
 * configuration makes each role include the rights of the ones before it.
 */
public enum Role {

	VIEWER, OPERATOR, ADMIN;

	/** The one authority a user of this role holds, as {@code hasRole('...')} expects it. */
	public String authority() {
		return "ROLE_" + name();
	}

	@JsonValue
	public String json() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static Role fromJson(String value) {
		for (Role role : values()) {
			if (role.json().equalsIgnoreCase(value)) {
				return role;
			}
		}
		throw new IllegalArgumentException("unknown role " + value + "; expected viewer, operator or admin");
	}

}
