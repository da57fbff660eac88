package io.tfmesh.mesh;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** The mesh form of the dashboard: one row per pool kind, members as checkboxes. */
public class MeshForm {

	static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "name"),
			Map.entry("description", "description"), Map.entry("asnMin", "asnMin"), Map.entry("asnMax", "asnMax"),
			Map.entry("pools", "podCidr"), Map.entry("pools[0]", "podCidr"), Map.entry("pools[0].cidr", "podCidr"),
			Map.entry("pools[0].defaultPrefixLength", "podPrefix"), Map.entry("pools[1]", "serviceCidr"),
			Map.entry("pools[1].cidr", "serviceCidr"), Map.entry("pools[1].defaultPrefixLength", "servicePrefix"),
			Map.entry("pools[2]", "fabricCidr"), Map.entry("pools[2].cidr", "fabricCidr"),
			Map.entry("pools[2].defaultPrefixLength", "fabricPrefix"), Map.entry("clusterIds", "clusterIds"),
			Map.entry("version", "name"), Map.entry("changeWindowDays", "changeWindowDays"),
			Map.entry("changeWindowStart", "changeWindowStart"), Map.entry("changeWindowEnd", "changeWindowEnd"));

	private String name = "";

	private String description = "";

	private String asnMin = Long.toString(MeshDefaults.PRIVATE_ASN_MIN);

	private String asnMax = Long.toString(MeshDefaults.PRIVATE_ASN_MAX);

	private String podCidr = MeshDefaults.POOLS.get(0).cidr();

	private String podPrefix = MeshDefaults.POOLS.get(0).defaultPrefixLength().toString();

	private String serviceCidr = MeshDefaults.POOLS.get(1).cidr();

	private String servicePrefix = MeshDefaults.POOLS.get(1).defaultPrefixLength().toString();

	private String fabricCidr = MeshDefaults.POOLS.get(2).cidr();

	private String fabricPrefix = MeshDefaults.POOLS.get(2).defaultPrefixLength().toString();

	private List<Long> clusterIds = new ArrayList<>();

	private @Nullable Long version;

	private boolean applyOnApproval;

	private String changeWindowDays = "";

	private String changeWindowStart = "";

	private String changeWindowEnd = "";

	static MeshForm of(MeshView mesh) {
		MeshForm form = new MeshForm();
		form.name = mesh.name();
		form.description = mesh.description();
		form.asnMin = Long.toString(mesh.asnMin());
		form.asnMax = Long.toString(mesh.asnMax());
		for (MeshView.PoolView pool : mesh.pools()) {
			switch (pool.kind()) {
				case POD -> {
					form.podCidr = pool.cidr();
					form.podPrefix = Integer.toString(pool.defaultPrefixLength());
				}
				case SERVICE -> {
					form.serviceCidr = pool.cidr();
					form.servicePrefix = Integer.toString(pool.defaultPrefixLength());
				}
				case FABRIC -> {
					form.fabricCidr = pool.cidr();
					form.fabricPrefix = Integer.toString(pool.defaultPrefixLength());
				}
				default -> {
				}
			}
		}
		form.clusterIds = new ArrayList<>(mesh.clusterIds());
		form.version = mesh.version();
		form.applyOnApproval = mesh.applyOnApproval();
		if (mesh.changeWindow() != null) {
			form.changeWindowDays = mesh.changeWindow().dayList();
			form.changeWindowStart = mesh.changeWindow().start().toString();
			form.changeWindowEnd = mesh.changeWindow().end().toString();
		}
		return form;
	}

	MeshRequest toRequest() {
		return new MeshRequest(name, description, number("asnMin", asnMin), number("asnMax", asnMax),
				List.of(new MeshRequest.Pool(Kind.POD, podCidr, length("podPrefix", podPrefix)),
						new MeshRequest.Pool(Kind.SERVICE, serviceCidr, length("servicePrefix", servicePrefix)),
						new MeshRequest.Pool(Kind.FABRIC, fabricCidr, length("fabricPrefix", fabricPrefix))),
				clusterIds, version, applyOnApproval, changeWindowDays, time("changeWindowStart", changeWindowStart),
				time("changeWindowEnd", changeWindowEnd));
	}

	private static @Nullable LocalTime time(String field, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + text + "' is no time of day; use HH:MM (UTC)");
		}
	}

	private static @Nullable Long number(String field, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not a number");
		}
	}

	private static @Nullable Integer length(String field, @Nullable String text) {
		Long value = number(field, text);
		if (value != null && (value < 0 || value > 128)) {
			throw new InvalidInputException(field, "must be between 0 and 128");
		}
		return value == null ? null : value.intValue();
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public String getAsnMin() {
		return asnMin;
	}

	public void setAsnMin(String asnMin) {
		this.asnMin = asnMin;
	}

	public String getAsnMax() {
		return asnMax;
	}

	public void setAsnMax(String asnMax) {
		this.asnMax = asnMax;
	}

	public String getPodCidr() {
		return podCidr;
	}

	public void setPodCidr(String podCidr) {
		this.podCidr = podCidr;
	}

	public String getPodPrefix() {
		return podPrefix;
	}

	public void setPodPrefix(String podPrefix) {
		this.podPrefix = podPrefix;
	}

	public String getServiceCidr() {
		return serviceCidr;
	}

	public void setServiceCidr(String serviceCidr) {
		this.serviceCidr = serviceCidr;
	}

	public String getServicePrefix() {
		return servicePrefix;
	}

	public void setServicePrefix(String servicePrefix) {
		this.servicePrefix = servicePrefix;
	}

	public String getFabricCidr() {
		return fabricCidr;
	}

	public void setFabricCidr(String fabricCidr) {
		this.fabricCidr = fabricCidr;
	}

	public String getFabricPrefix() {
		return fabricPrefix;
	}

	public void setFabricPrefix(String fabricPrefix) {
		this.fabricPrefix = fabricPrefix;
	}

	public List<Long> getClusterIds() {
		return clusterIds;
	}

	public void setClusterIds(List<Long> clusterIds) {
		this.clusterIds = clusterIds == null ? new ArrayList<>() : clusterIds;
	}

	public boolean isApplyOnApproval() {
		return applyOnApproval;
	}

	public void setApplyOnApproval(boolean applyOnApproval) {
		this.applyOnApproval = applyOnApproval;
	}

	public String getChangeWindowDays() {
		return changeWindowDays;
	}

	public void setChangeWindowDays(String changeWindowDays) {
		this.changeWindowDays = changeWindowDays == null ? "" : changeWindowDays;
	}

	public String getChangeWindowStart() {
		return changeWindowStart;
	}

	public void setChangeWindowStart(String changeWindowStart) {
		this.changeWindowStart = changeWindowStart == null ? "" : changeWindowStart;
	}

	public String getChangeWindowEnd() {
		return changeWindowEnd;
	}

	public void setChangeWindowEnd(String changeWindowEnd) {
		this.changeWindowEnd = changeWindowEnd == null ? "" : changeWindowEnd;
	}

	public @Nullable Long getVersion() {
		return version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

}
