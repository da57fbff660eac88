package io.tfmesh.inventory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.RequestValidator;
import io.tfmesh.system.web.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CloudService {

	/** The columns the cloud list sorts by, name first. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("name", "name", "region", "region");

	static final String KIND = "cloud";

	private final CloudRepository clouds;

	private final ClusterRepository clusters;

	private final AuditLog audit;

	private final RequestValidator validator;

	private final Clock clock;

	CloudService(CloudRepository clouds, ClusterRepository clusters, AuditLog audit, RequestValidator validator,
			Clock clock) {
		this.clouds = clouds;
		this.clusters = clusters;
		this.audit = audit;
		this.validator = validator;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageView<CloudView> list(String q, PageQuery query) {
		return list(q, query, ListSort.orDefault(null, SORT_COLUMNS));
	}

	@Transactional(readOnly = true)
	public PageView<CloudView> list(String q, PageQuery query, ListSort sort) {
		Page<Cloud> page = clouds.search(Search.containsPattern(q), query.pageable(sort.sort()));
		Map<Long, Long> counts = clusterCounts(page.getContent().stream().map(Cloud::getId).toList());
		return PageView.of(page, cloud -> CloudView.of(cloud, counts.getOrDefault(cloud.getId(), 0L)));
	}

	/** Every cloud, by name, for choosers; inventories hold tens of clouds, not thousands. */
	@Transactional(readOnly = true)
	public List<CloudView> all() {
		List<Cloud> all = clouds.findAll(Sort.by("name"));
		Map<Long, Long> counts = clusterCounts(all.stream().map(Cloud::getId).toList());
		return all.stream().map(cloud -> CloudView.of(cloud, counts.getOrDefault(cloud.getId(), 0L))).toList();
	}

	@Transactional(readOnly = true)
	public Optional<CloudView> findByName(String name) {
		return clouds.findByName(name).map(this::view);
	}

	@Transactional(readOnly = true)
	public CloudView get(long id) {
		return view(find(id));
	}

	@Transactional
	public CloudView create(CloudRequest request) {
		check(request);
		if (clouds.findByName(request.name()).isPresent()) {
			throw ConflictException.duplicateName(KIND, request.name());
		}
		Cloud cloud = clouds.saveAndFlush(new Cloud(request, clock.instant()));
		CloudView view = CloudView.of(cloud, 0);
		audit.record(AuditAction.CREATE, KIND, cloud.getId(), cloud.getName(), null, view);
		return view;
	}

	@Transactional
	public CloudView update(long id, CloudRequest request, long expectedVersion) {
		Cloud cloud = find(id);
		if (cloud.getVersion() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, cloud.getVersion());
		}
		check(request);
		clouds.findByName(request.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
			throw ConflictException.duplicateName(KIND, request.name());
		});
		CloudView before = view(cloud);
		cloud.apply(request, clock.instant());
		clouds.saveAndFlush(cloud);
		CloudView after = view(cloud);
		audit.record(AuditAction.UPDATE, KIND, id, cloud.getName(), before, after);
		return after;
	}

	@Transactional
	public void delete(long id, @Nullable Long expectedVersion) {
		Cloud cloud = find(id);
		if (expectedVersion != null && cloud.getVersion() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, cloud.getVersion());
		}
		List<String> members = clusters.findNamesByCloudId(id);
		if (!members.isEmpty()) {
			throw new ConflictException("The cloud '" + cloud.getName() + "' still has " + members.size()
					+ (members.size() == 1 ? " cluster: " : " clusters: ") + String.join(", ", members)
					+ "; delete them or move them to another cloud first");
		}
		CloudView before = view(cloud);
		clouds.delete(cloud);
		clouds.flush();
		audit.record(AuditAction.DELETE, KIND, id, cloud.getName(), before, null);
	}

	Cloud find(long id) {
		return clouds.findById(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	private CloudView view(Cloud cloud) {
		return CloudView.of(cloud, clusters.countByCloudId(cloud.getId()));
	}

	private Map<Long, Long> clusterCounts(List<Long> cloudIds) {
		if (cloudIds.isEmpty()) {
			return Map.of();
		}
		return clusters.countByCloudIds(cloudIds)
			.stream()
			.collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
	}

	private void check(CloudRequest request) {
		validator.requireBody(request);
		validator.check(request, CloudRules.check(request));
	}

}
