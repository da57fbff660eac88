package io.tfmesh.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a cloud's machines run. */
public enum Provider {

	AWS("aws", "Amazon Web Services"), GCP("gcp", "Google Cloud"), AZURE("azure", "Microsoft Azure"),
	OPENSTACK("openstack", "OpenStack"), ON_PREM("on-prem", "On premises");

	private final String id;

	private final String label;

	Provider(String id, String label) {
		this.id = id;
		this.label = label;
	}

	@JsonValue
	public String id() {
		return id;
	}

	public String label() {
		return label;
	}

	@JsonCreator
	public static Provider of(String id) {
		for (Provider provider : values()) {
			if (provider.id.equalsIgnoreCase(id) || provider.name().equalsIgnoreCase(id)) {
				return provider;
			}
		}
		throw new IllegalArgumentException("unknown provider '" + id + "'; expected aws, gcp, azure, openstack or on-prem");
	}

}
