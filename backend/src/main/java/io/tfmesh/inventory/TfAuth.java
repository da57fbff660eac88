package io.tfmesh.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The TF config API's authentication, as its AUTH_MODE setting names it. */
public enum TfAuth {

	NOAUTH, KEYSTONE;

	@JsonValue
	public String id() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static TfAuth of(String id) {
		for (TfAuth auth : values()) {
			if (auth.id().equalsIgnoreCase(id)) {
				return auth;
			}
		}
		throw new IllegalArgumentException("unknown TF auth '" + id + "'; expected noauth or keystone");
	}

}
