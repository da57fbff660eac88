package io.tfmesh.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A provider account and region, with the underlay network its machines sit on. */
@Entity
@Table(name = "cloud")
public class Cloud {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Provider provider;

	@Column(nullable = false)
	private String region;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "underlay_cidrs", nullable = false, columnDefinition = "text[]")
	private List<String> underlayCidrs = new ArrayList<>();

	@Column(name = "underlay_gateway", nullable = false)
	private String underlayGateway;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	protected Cloud() {
	}

	Cloud(CloudRequest request, Instant now) {
		this.createdAt = now;
		apply(request, now);
	}

	void apply(CloudRequest request, Instant now) {
		this.name = request.name();
		this.provider = request.provider();
		this.region = request.region();
		this.underlayCidrs = new ArrayList<>(request.underlayCidrs());
		this.underlayGateway = request.underlayGateway();
		this.updatedAt = now;
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public Provider getProvider() {
		return provider;
	}

	public String getRegion() {
		return region;
	}

	public List<String> getUnderlayCidrs() {
		return List.copyOf(underlayCidrs);
	}

	public String getUnderlayGateway() {
		return underlayGateway;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public long getVersion() {
		return version;
	}

}
