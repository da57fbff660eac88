package io.tfmesh.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The cloud form of the dashboard; underlay CIDRs are edited one per line. */
public class CloudForm {

	/** Where each request field's problems are shown on this form. */
	static final Map<String, String> FIELDS = Map.of("name", "name", "provider", "provider", "region", "region",
			"underlayCidrs", "underlayCidrs", "underlayGateway", "underlayGateway", "version", "name");

	private String name = "";

	private @Nullable Provider provider;

	private String region = "";

	private String underlayCidrs = "";

	private String underlayGateway = "";

	private @Nullable Long version;

	static CloudForm of(CloudView cloud) {
		CloudForm form = new CloudForm();
		form.name = cloud.name();
		form.provider = cloud.provider();
		form.region = cloud.region();
		form.underlayCidrs = String.join("\n", cloud.underlayCidrs());
		form.underlayGateway = cloud.underlayGateway();
		form.version = cloud.version();
		return form;
	}

	CloudRequest toRequest() {
		return new CloudRequest(name, provider, region, lines(underlayCidrs), underlayGateway, version);
	}

	/** One item per line or comma; blank lines are ignored. */
	static List<String> lines(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split("[,\\r\\n]+")).map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable Provider getProvider() {
		return provider;
	}

	public void setProvider(@Nullable Provider provider) {
		this.provider = provider;
	}

	public String getRegion() {
		return region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getUnderlayCidrs() {
		return underlayCidrs;
	}

	public void setUnderlayCidrs(String underlayCidrs) {
		this.underlayCidrs = underlayCidrs;
	}

	public String getUnderlayGateway() {
		return underlayGateway;
	}

	public void setUnderlayGateway(String underlayGateway) {
		this.underlayGateway = underlayGateway;
	}

	public @Nullable Long getVersion() {
		return version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

}
