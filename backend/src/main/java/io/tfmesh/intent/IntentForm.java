package io.tfmesh.intent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The intent form of the dashboard: ports are typed on one line, separated by commas or spaces. */
public class IntentForm {

	static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "name"),
			Map.entry("sourceClusterId", "sourceClusterId"), Map.entry("sourceNamespace", "sourceNamespace"),
			Map.entry("destinationClusterId", "destinationClusterId"),
			Map.entry("destinationNamespace", "destinationNamespace"),
			Map.entry("destinationService", "destinationService"), Map.entry("protocol", "protocol"),
			Map.entry("ports", "ports"), Map.entry("description", "description"));

	private String name = "";

	private @Nullable Long sourceClusterId;

	private String sourceNamespace = "";

	private @Nullable Long destinationClusterId;

	private String destinationNamespace = "";

	private String destinationService = "";

	private String protocol = "tcp";

	private String ports = "";

	private String description = "";

	IntentRequest toRequest() {
		List<String> entries = Arrays.stream(ports.split("[,\\s]+")).filter(entry -> !entry.isBlank()).toList();
		return new IntentRequest(name, sourceClusterId, sourceNamespace, destinationClusterId, destinationNamespace,
				destinationService, protocol, entries, description);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = (name == null) ? "" : name;
	}

	public @Nullable Long getSourceClusterId() {
		return sourceClusterId;
	}

	public void setSourceClusterId(@Nullable Long sourceClusterId) {
		this.sourceClusterId = sourceClusterId;
	}

	public String getSourceNamespace() {
		return sourceNamespace;
	}

	public void setSourceNamespace(String sourceNamespace) {
		this.sourceNamespace = (sourceNamespace == null) ? "" : sourceNamespace;
	}

	public @Nullable Long getDestinationClusterId() {
		return destinationClusterId;
	}

	public void setDestinationClusterId(@Nullable Long destinationClusterId) {
		this.destinationClusterId = destinationClusterId;
	}

	public String getDestinationNamespace() {
		return destinationNamespace;
	}

	public void setDestinationNamespace(String destinationNamespace) {
		this.destinationNamespace = (destinationNamespace == null) ? "" : destinationNamespace;
	}

	public String getDestinationService() {
		return destinationService;
	}

	public void setDestinationService(String destinationService) {
		this.destinationService = (destinationService == null) ? "" : destinationService;
	}

	public String getProtocol() {
		return protocol;
	}

	public void setProtocol(String protocol) {
		this.protocol = (protocol == null) ? "" : protocol;
	}

	public String getPorts() {
		return ports;
	}

	public void setPorts(String ports) {
		this.ports = (ports == null) ? "" : ports;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = (description == null) ? "" : description;
	}

}
