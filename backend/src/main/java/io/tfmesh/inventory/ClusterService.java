package io.tfmesh.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.ClusterAccessChanged;
import io.tfmesh.secret.SecretCipher;
import io.tfmesh.secret.SecretUnreadableException;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.RequestValidator;
import io.tfmesh.system.web.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ClusterService {

	/** The columns the cluster list sorts by, name first. */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("name", "name", "cloud", "cloud.name",
			"tfCluster", "tfClusterName", "asn", "bgpAsn");

	static final String KIND = "cluster";

	static final String KUBECONFIG = "cluster.kubeconfig";

	static final String TOKEN = "cluster.kubernetes-token";

	static final String KEYSTONE_PASSWORD = "cluster.keystone-password";

	static final String INTROSPECT_CA = "cluster.introspect-ca-certificate";

	static final String INTROSPECT_CERTIFICATE = "cluster.introspect-client-certificate";

	static final String INTROSPECT_KEY = "cluster.introspect-client-key";

	private final ClusterRepository clusters;

	private final CloudRepository clouds;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final RequestValidator validator;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ClusterService(ClusterRepository clusters, CloudRepository clouds, SecretCipher cipher, AuditLog audit,
			RequestValidator validator, Clock clock, ApplicationEventPublisher events) {
		this.clusters = clusters;
		this.clouds = clouds;
		this.cipher = cipher;
		this.audit = audit;
		this.validator = validator;
		this.clock = clock;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public PageView<ClusterView> list(String q, @Nullable Long cloudId, PageQuery query) {
		return list(q, cloudId, query, ListSort.orDefault(null, SORT_COLUMNS));
	}

	@Transactional(readOnly = true)
	public PageView<ClusterView> list(String q, @Nullable Long cloudId, PageQuery query, ListSort sort) {
		return PageView.of(clusters.search(Search.containsPattern(q), cloudId, query.pageable(sort.sort())),
				ClusterView::of);
	}

	@Transactional(readOnly = true)
	public Optional<ClusterView> findByName(String name) {
		return clusters.findByName(name).map(ClusterView::of);
	}

	@Transactional(readOnly = true)
	public Optional<ClusterView> findById(long id) {
		return clusters.findById(id).map(ClusterView::of);
	}

	@Transactional(readOnly = true)
	public ClusterView get(long id) {
		return ClusterView.of(find(id));
	}

	@Transactional
	public ClusterView create(ClusterRequest request) {
		Cloud cloud = check(request, null);
		if (clusters.findByName(request.name()).isPresent()) {
			throw ConflictException.duplicateName(KIND, request.name());
		}
		Cluster cluster = new Cluster(request.name(), clock.instant());
		cluster.apply(request, cloud, clock.instant());
		List<String> changedSecrets = storeSecrets(cluster, request);
		clusters.saveAndFlush(cluster);
		ClusterView view = ClusterView.of(cluster);
		audit.record(AuditAction.CREATE, KIND, cluster.getId(), cluster.getName(), null, view,
				changedSecrets.toArray(String[]::new));
		return view;
	}

	@Transactional
	public ClusterView update(long id, ClusterRequest request, long expectedVersion) {
		Cluster cluster = find(id);
		if (cluster.getVersion() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, cluster.getVersion());
		}
		Cloud cloud = check(request, cluster.secrets());
		clusters.findByName(request.name()).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
			throw ConflictException.duplicateName(KIND, request.name());
		});
		ClusterView before = ClusterView.of(cluster);
		cluster.apply(request, cloud, clock.instant());
		List<String> changedSecrets = storeSecrets(cluster, request);
		clusters.saveAndFlush(cluster);
		ClusterView after = ClusterView.of(cluster);
		audit.record(AuditAction.UPDATE, KIND, id, cluster.getName(), before, after,
				changedSecrets.toArray(String[]::new));
		events.publishEvent(new ClusterAccessChanged(id, false));
		return after;
	}

	@Transactional
	public void delete(long id, @Nullable Long expectedVersion) {
		Cluster cluster = find(id);
		if (expectedVersion != null && cluster.getVersion() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, cluster.getVersion());
		}
		ClusterView before = ClusterView.of(cluster);
		clusters.delete(cluster);
		clusters.flush();
		audit.record(AuditAction.DELETE, KIND, id, cluster.getName(), before, null);
		events.publishEvent(new ClusterAccessChanged(id, true));
	}

	/**
	 * How to reach the cluster, with its credentials decrypted, for the connectors. Never
	 * returned by any API or page.
	 */
	@Transactional(readOnly = true)
	public ClusterAccess access(long id) {
		Cluster cluster = find(id);
		try {
			return access(cluster);
		}
		catch (SecretUnreadableException ex) {
			throw ex.of("cluster '" + cluster.getName() + "'");
		}
	}

	private ClusterAccess access(Cluster cluster) {
		Cluster.Secrets secrets = cluster.secrets();
		ClusterAccess.Kubernetes kubernetes = new ClusterAccess.Kubernetes(cluster.getKubernetesApiUrl(),
				secrets.kubeconfig() == null ? null : cipher.decrypt(secrets.kubeconfig(), KUBECONFIG),
				secrets.token() == null ? null : cipher.decrypt(secrets.token(), TOKEN), cluster.getCaCertificate());
		ClusterAccess.Keystone keystone = cluster.getTfAuth() == TfAuth.KEYSTONE && secrets.keystonePassword() != null
				? new ClusterAccess.Keystone(cluster.getKeystoneUrl(), cluster.getKeystoneUsername(),
						cipher.decrypt(secrets.keystonePassword(), KEYSTONE_PASSWORD), cluster.getKeystoneProject())
				: null;
		ClusterAccess.Introspect introspect = new ClusterAccess.Introspect(
				open(secrets.introspectCaCertificate(), INTROSPECT_CA),
				open(secrets.introspectClientCertificate(), INTROSPECT_CERTIFICATE),
				open(secrets.introspectClientKey(), INTROSPECT_KEY));
		return new ClusterAccess(cluster.getId(), cluster.getName(), kubernetes,
				new ClusterAccess.TungstenFabric(cluster.getTfApiUrl(), keystone), cluster.getControlNodes(),
				cluster.getKubeManagerNamespace(), cluster.getKubeManagerConfigMaps(), cluster.getVersion(),
				introspect);
	}

	private @Nullable String open(byte @Nullable [] sealed, String purpose) {
		return (sealed == null) ? null : cipher.decrypt(sealed, purpose);
	}

	/** Ids of every registered cluster, for the scheduled observation. */
	@Transactional(readOnly = true)
	public List<Long> ids() {
		return clusters.findAll(Sort.by("id")).stream().map(Cluster::getId).toList();
	}

	private Cluster find(long id) {
		return clusters.findById(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/**
	 * What is wrong with a request to create a cluster (no id) or update one, without changing
	 * anything: a form shows these beside the mistakes it found itself.
	 */
	@Transactional(readOnly = true)
	public List<FieldProblem> problems(ClusterRequest request, @Nullable Long id) {
		List<FieldProblem> problems = new ArrayList<>(validator.validate(request));
		problems.addAll(ruleProblems(request, id == null ? null : find(id).secrets()));
		return problems;
	}

	private Cloud check(ClusterRequest request, Cluster.@Nullable Secrets stored) {
		validator.requireBody(request);
		validator.check(request, ruleProblems(request, stored));
		return request.cloudId() == null ? null : clouds.findById(request.cloudId()).orElse(null);
	}

	private List<FieldProblem> ruleProblems(ClusterRequest request, Cluster.@Nullable Secrets stored) {
		List<FieldProblem> problems = new ArrayList<>(ClusterRules.check(request, stored));
		if (request.cloudId() != null && clouds.findById(request.cloudId()).isEmpty()) {
			problems.add(0, new FieldProblem("cloudId", "no cloud has id " + request.cloudId()));
		}
		return problems;
	}

	/**
	 * Encrypts the secrets the request carries and drops the ones its auth modes no longer use.
	 * @return the names of the secrets that changed, for the audit log
	 */
	private List<String> storeSecrets(Cluster cluster, ClusterRequest request) {
		Cluster.Secrets secrets = cluster.secrets();
		List<String> changed = new ArrayList<>();
		ClusterRequest.KubernetesAccess kubernetes = request.kubernetes();
		if (kubernetes.auth() == KubernetesAuth.KUBECONFIG) {
			if (kubernetes.kubeconfig() != null) {
				secrets.kubeconfig(cipher.encrypt(kubernetes.kubeconfig(), KUBECONFIG));
				changed.add("kubernetes.kubeconfig");
			}
			if (secrets.token() != null) {
				secrets.token(null);
				changed.add("kubernetes.token");
			}
		}
		else {
			if (kubernetes.token() != null) {
				secrets.token(cipher.encrypt(kubernetes.token(), TOKEN));
				changed.add("kubernetes.token");
			}
			if (secrets.kubeconfig() != null) {
				secrets.kubeconfig(null);
				changed.add("kubernetes.kubeconfig");
			}
		}
		ClusterRequest.Keystone keystone = request.tungstenFabric().keystone();
		if (request.tungstenFabric().auth() == TfAuth.KEYSTONE) {
			if (keystone != null && keystone.password() != null) {
				secrets.keystonePassword(cipher.encrypt(keystone.password(), KEYSTONE_PASSWORD));
				changed.add("tungstenFabric.keystone.password");
			}
		}
		else if (secrets.keystonePassword() != null) {
			secrets.keystonePassword(null);
			changed.add("tungstenFabric.keystone.password");
		}
		storeIntrospect(secrets, request.introspect(), changed);
		return changed;
	}

	private void storeIntrospect(Cluster.Secrets secrets, ClusterRequest.@Nullable IntrospectAccess introspect,
			List<String> changed) {
		if (introspect == null) {
			return;
		}
		if (introspect.clears()) {
			if (secrets.introspectCaCertificate() != null || secrets.introspectClientCertificate() != null) {
				changed.add("introspect");
			}
			secrets.introspectCaCertificate(null);
			secrets.introspectClientCertificate(null);
			secrets.introspectClientKey(null);
			return;
		}
		if (introspect.caCertificate() != null) {
			secrets.introspectCaCertificate(cipher.encrypt(introspect.caCertificate(), INTROSPECT_CA));
			changed.add("introspect.caCertificate");
		}
		if (introspect.clientCertificate() != null) {
			secrets.introspectClientCertificate(cipher.encrypt(introspect.clientCertificate(), INTROSPECT_CERTIFICATE));
			changed.add("introspect.clientCertificate");
		}
		if (introspect.clientKey() != null) {
			secrets.introspectClientKey(cipher.encrypt(introspect.clientKey(), INTROSPECT_KEY));
			changed.add("introspect.clientKey");
		}
	}

}
