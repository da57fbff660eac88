package io.tfmesh.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.BrowserSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard page, with real objects behind it, on a phone (390×844) and on a laptop
 * (1400×900): no page is wider than the screen, and every link of the navigation can be
 * reached, on a phone through the menu button. Missing objects, an expired session and a form's
 * field errors are met as a person in the browser meets them.
 * <p>
 * With the system property {@code tfmesh.screenshots} naming a folder, the pages' first screens
 * are saved there at both sizes (README.md, "Screenshots").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserIT extends IntegrationTestSupport {

	private static final String MASTER = LoopbackNetworks.reserve() + ".0.1";

	/** What htmx draws into a page, not pages of their own: the pages that hold them are visited. */
	private static final Map<String, String> FRAGMENTS = Map.of("/clusters/{id}/observed",
			"the cluster page's observed-state panel", "/plans/{id}/progress", "a plan page's progress while it applies",
			"/intents/suggestions", "the intent form's suggestion lists", "/meshes/{id}/conflicts",
			"a mesh page's conflicts panel, which reloads itself", "/fleet/panel",
			"the home page's fleet overview, which reloads itself", "/clusters/{id}/health/panel",
			"a cluster health page's panel, which reloads itself", "/error", "the error pages, met below");

	/** Every link of the navigation an admin sees (the sandbox's page lives in another module). */
	private static final List<String> NAVIGATION = List.of("Dashboard", "Clouds", "Clusters", "Meshes", "Intents", "Plans",
			"Audit", "Users", "Webhooks", "API");

	enum Screen {

		PHONE(390, 844, true), LAPTOP(1400, 900, false);

		final int width;

		final int height;

		final boolean narrow;

		Screen(int width, int height, boolean narrow) {
			this.width = width;
			this.height = height;
			this.narrow = narrow;
		}

	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMappings;

	@Autowired
	private JdbcTemplate jdbc;

	private EmulatedKubernetes kubernetes;

	private TfConfigApiEmulator tungstenFabric;

	private IntrospectEmulator master;

	/** Mapping to the path that shows it with a real object. */
	private final Map<String, String> pages = new LinkedHashMap<>();

	private long observedCluster;

	@BeforeAll
	void startClusterAndCreateOneOfEverything() throws Exception {
		startCluster();
		createOneOfEverything();
	}

	private void startCluster() throws Exception {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "every-page-");
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.reset(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12", "cluster.local",
				List.of(new SeedNode("page-master", MASTER, List.of("control-plane", "opencontrail.org/controller"))),
				Map.of("CONTROLLER_NODES", MASTER, "VROUTER_GATEWAY", "10.0.0.1"), KubernetesSeed.kubeManagerConfig(MASTER)));
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"), JsonMapper.builder().build());
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		tungstenFabric.provisionControl(64512, List.of(new TfConfigApiEmulator.BgpRouterSeed("page-master", MASTER)));
		List<SandeshProcess> services = new ArrayList<>();
		for (String pod : List.of("control", "config", "kubernetes", "analytics", "database", "config-database", "webui",
				"vrouter", "analytics-alarm", "analytics-snmp")) {
			services.addAll(SandeshProcess.ofPod(pod));
		}
		master = IntrospectEmulator.start(MASTER, "page-master", services);
	}

	@AfterAll
	void stopCluster() {
		master.close();
		tungstenFabric.close();
		kubernetes.close();
	}

	private void createOneOfEverything() {
		api = new Api("http://localhost:" + port, json);
		Api admin = api.asAdmin();
		long cloud = Fixtures.createCloud(admin, unique("cloud"));
		Map<String, Object> body = Fixtures.cluster(unique("observed"), cloud);
		body.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		body.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		body.put("controlNodes", List.of(MASTER));
		observedCluster = Fixtures.createCluster(admin, body);
		Api.Response observed = admin.post("/api/v1/clusters/" + observedCluster + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		long silentCluster = Fixtures.createCluster(admin, unique("silent"), cloud);

		Api.Response mesh = admin.post("/api/v1/meshes",
				Map.of("name", unique("mesh"), "clusterIds", List.of(observedCluster, silentCluster)));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		long meshId = mesh.json().get("id").asLong();
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(allocated.status()).as(allocated.toString()).isBetween(200, 201);
		long plan = createPlan(meshId, observedCluster);
		long intent = createIntent(observedCluster, silentCluster);
		Api.Response user = admin.post("/api/v1/users",
				Map.of("username", unique("viewer"), "password", "viewer-password", "role", "viewer"));
		assertThat(user.status()).as(user.toString()).isEqualTo(201);
		long userId = user.json().get("id").asLong();
		Api.Response webhook = admin.post("/api/v1/webhooks", Map.of("name", unique("hook"), "url",
				"http://127.0.0.1:9/every-page", "events", List.of("diagnosis-found"), "secret", "every-page-secret"));
		assertThat(webhook.status()).as(webhook.toString()).isEqualTo(201);
		long webhookId = webhook.json().get("id").asLong();
		// a delivery that fails, so that the webhook's page shows its error and next attempt
		assertThat(admin.post("/api/v1/webhooks/" + webhookId + "/test", Map.of()).status()).isEqualTo(202);

		pages.put("/", "/");
		pages.put("/clouds", "/clouds");
		pages.put("/clouds/new", "/clouds/new");
		pages.put("/clouds/{id}", "/clouds/" + cloud);
		pages.put("/clouds/{id}/edit", "/clouds/" + cloud + "/edit");
		pages.put("/clouds/{id}/delete", "/clouds/" + cloud + "/delete");
		pages.put("/clusters", "/clusters");
		pages.put("/clusters/new", "/clusters/new");
		pages.put("/clusters/{id}", "/clusters/" + observedCluster);
		pages.put("/clusters/{id}/edit", "/clusters/" + observedCluster + "/edit");
		pages.put("/clusters/{id}/delete", "/clusters/" + observedCluster + "/delete");
		pages.put("/clusters/{id}/preflight", "/clusters/" + observedCluster + "/preflight");
		pages.put("/clusters/{id}/health", "/clusters/" + observedCluster + "/health");
		pages.put("/meshes", "/meshes");
		pages.put("/meshes/new", "/meshes/new");
		pages.put("/meshes/{id}", "/meshes/" + meshId);
		pages.put("/meshes/{id}/edit", "/meshes/" + meshId + "/edit");
		pages.put("/meshes/{id}/delete", "/meshes/" + meshId + "/delete");
		pages.put("/intents", "/intents");
		pages.put("/intents/new", "/intents/new");
		pages.put("/intents/{id}", "/intents/" + intent);
		pages.put("/intents/{id}/delete", "/intents/" + intent + "/delete");
		pages.put("/plans", "/plans");
		pages.put("/plans/{id}", "/plans/" + plan);
		pages.put("/users", "/users");
		pages.put("/users/new", "/users/new");
		pages.put("/users/{id}/edit", "/users/" + userId + "/edit");
		pages.put("/users/{id}/delete", "/users/" + userId + "/delete");
		pages.put("/webhooks", "/webhooks");
		pages.put("/webhooks/new", "/webhooks/new");
		pages.put("/webhooks/{id}", "/webhooks/" + webhookId);
		pages.put("/webhooks/{id}/edit", "/webhooks/" + webhookId + "/edit");
		pages.put("/webhooks/{id}/delete", "/webhooks/" + webhookId + "/delete");
		pages.put("/account", "/account");
		pages.put("/audit", "/audit");
		pages.put("/login", "/login");
	}

	@Test
	void theTestVisitsEveryPageOfTheDashboard() {
		Set<String> visited = new TreeSet<>(pages.keySet());
		visited.addAll(FRAGMENTS.keySet());
		assertThat(visited).as("GET mappings of the dashboard; visit each new page here (or name it a fragment)")
			.isEqualTo(pageMappings());
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void everyPageFitsTheScreenAndReachesEveryLink(Screen screen) {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.viewport(screen.width, screen.height, screen.narrow);
			browser.go("/login");
			check(browser, screen, "/login");
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			for (Map.Entry<String, String> page : pages.entrySet()) {
				if (page.getKey().equals("/login")) {
					continue;
				}
				browser.go(page.getValue());
				check(browser, screen, page.getKey());
				checkNavigation(browser, screen, page.getKey());
			}
			screenshot(browser, "menu-open-" + screen.width);
		}
	}

	@ParameterizedTest
	@EnumSource(Screen.class)
	void theColoursFollowTheSystemsDarkSettingAndTheTabShowsTheIcon(Screen screen) {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.viewport(screen.width, screen.height, screen.narrow);
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			assertThat(browser.script("return fetch(document.querySelector('link[rel=icon]').href)"
					+ ".then(answer => answer.status + ' ' + answer.headers.get('Content-Type'))"))
				.isEqualTo("200 image/svg+xml");
			assertThat(lightness(browser)).as("the page's background under a light system setting").isGreaterThan(200);
			browser.colorScheme("dark");
			browser.go(pages.get("/clusters/{id}"));
			check(browser, screen, "/clusters/{id}", "dark-clusters-id-" + screen.width);
			assertThat(lightness(browser)).as("the page's background under a dark system setting").isLessThan(60);
		}
	}

	/** The average of the page background's red, green and blue, 0 to 255. */
	private static int lightness(BrowserSession browser) {
		Object rgb = browser.script("return getComputedStyle(document.documentElement).backgroundColor"
				+ ".match(/\\d+/g).slice(0, 3).map(Number)");
		return ((List<?>) rgb).stream().mapToInt(value -> ((Number) value).intValue()).sum() / 3;
	}

	@Test
	void aMissingObjectIsA404PageWithTheNavigation() {
		long missing = 999_999_999L;
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			for (String[] page : new String[][] { { "/clusters/" + missing, "No cluster with id " + missing, "clusters" },
					{ "/clouds/" + missing, "No cloud with id " + missing, "clouds" },
					{ "/meshes/" + missing, "No mesh with id " + missing, "meshes" },
					{ "/users/" + missing + "/edit", "No user with id " + missing, "users" },
					{ "/intents/" + missing, "No intent with id " + missing, "intents" },
					{ "/plans/" + missing, "No plan with id " + missing, "plans" },
					{ "/webhooks/" + missing, "No webhook with id " + missing, "webhooks" } }) {
				assertThat(browser.script("return fetch('" + page[0] + "').then(answer => answer.status)"))
					.as(page[0])
					.isEqualTo(404L);
				browser.go(page[0]);
				assertThat(browser.textOf(By.cssSelector("#error-page h1"))).as(page[0]).isEqualTo("404 · Not found");
				assertThat(browser.textOf(By.id("error-detail"))).as(page[0]).isEqualToIgnoringCase(page[1]);
				assertThat(browser.has(By.cssSelector("#site-menu nav a[href='/clusters']"))).as(page[0]).isTrue();
				assertThat(browser.has(By.id("account-link"))).as(page[0]).isTrue();
				assertThat(browser.has(By.linkText("Back to " + page[2]))).as(page[0]).isTrue();
			}
			Api.Response problem = api.asAdmin().get("/api/v1/clusters/" + missing);
			assertThat(problem.status()).isEqualTo(404);
			assertThat(problem.json().get("detail").asString()).isEqualTo("No cluster with id " + missing);
		}
	}

	@Test
	void aRefusedPageKeepsTheNavigationAndNamesTheRoleItNeeds() {
		String viewer = unique("viewer");
		assertThat(api.asAdmin()
			.post("/api/v1/users", Map.of("username", viewer, "password", "viewer-password", "role", "viewer"))
			.status()).isEqualTo(201);
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(viewer, "viewer-password");
			browser.waitForPath("/");
			browser.go("/clouds/new");
			assertThat(browser.textOf(By.cssSelector("#error-page h1"))).isEqualTo("403 · Not allowed");
			assertThat(browser.textOf(By.id("error-detail"))).contains("needs the operator role", viewer, "a viewer");
			assertThat(browser.has(By.cssSelector("#site-menu nav a[href='/clouds']"))).isTrue();
			browser.go("/users");
			assertThat(browser.textOf(By.id("error-detail"))).contains("needs the admin role");
		}
	}

	@Test
	void anHtmxActionAfterTheSessionExpiredLeadsToTheLoginPageAndBack() {
		String page = "/clusters/" + observedCluster;
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go(page);
			assertThat(browser.textOf(By.id("observe-now"))).isEqualTo("Observe now");
			browser.forgetSession();
			browser.click("observe-now");
			browser.waitForPath("/login");
			browser.type("username", ADMIN);
			browser.type("password", ADMIN_PASSWORD);
			browser.click("login-submit");
			browser.waitForPath(page);
			assertThat(browser.textOf(By.id("observe-now"))).isEqualTo("Observe now");
		}
	}

	@Test
	void aFailedHtmxRequestSaysSoNextToItsButton() {
		long doomed = Fixtures.createCluster(api.asAdmin(), unique("doomed"),
				Fixtures.createCloud(api.asAdmin(), unique("cloud")));
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/clusters/" + doomed);
			assertThat(browser.textOf(By.id("observe-now"))).isEqualTo("Observe now");
			assertThat(api.asAdmin().delete("/api/v1/clusters/" + doomed).status()).isEqualTo(204);
			browser.click("observe-now");
			assertThat(browser.textOf(By.cssSelector("#observed .request-error"))).contains("404",
					"No cluster with id " + doomed);
			assertThat(browser.textOf(By.cssSelector("#live-region .toast"))).contains("No cluster with id " + doomed);
			assertThat(browser.script("return document.getElementById('observe-now').disabled")).isEqualTo(false);
		}
	}

	@Test
	void fieldErrorsAreMarkedForAssistiveTechnologyAndTheFirstHasTheFocus() {
		try (BrowserSession browser = BrowserSession.open("http://localhost:" + port)) {
			browser.login(ADMIN, ADMIN_PASSWORD);
			browser.waitForPath("/");
			browser.go("/clouds/new");
			browser.type("name", unique("cloud"));
			browser.select("provider", "Google Cloud");
			browser.type("region", "europe-west1");
			browser.type("underlayCidrs", "10.132.0.1/20");
			browser.type("underlayGateway", "10.132.0.300");
			browser.click("save");
			assertThat(browser.textOf(By.id("underlayCidrs-error"))).contains("has host bits set");
			assertThat(browser.textOf(By.id("underlayGateway-error"))).isNotBlank();
			for (String field : List.of("underlayCidrs", "underlayGateway")) {
				assertThat(browser.script("return document.getElementById('" + field + "').getAttribute('aria-invalid')"))
					.as(field)
					.isEqualTo("true");
				assertThat(browser.script("return document.getElementById('" + field + "').getAttribute('aria-describedby')"))
					.as(field)
					.isEqualTo(field + "-error");
			}
			assertThat(browser.script("return document.getElementById('name').getAttribute('aria-invalid')")).isNull();
			assertThat(browser.script("return document.activeElement.id")).isEqualTo("underlayCidrs");
		}
	}

	private void check(BrowserSession browser, Screen screen, String mapping) {
		check(browser, screen, mapping, fileName(mapping) + "-" + screen.width);
	}

	/** @param shot the name the screen is saved under when screenshots are asked for */
	private void check(BrowserSession browser, Screen screen, String mapping, String shot) {
		browser.waitFor("document.readyState === 'complete' && !document.querySelector('[hx-trigger=load]')"
				+ " && !document.body.classList.contains('htmx-busy')");
		assertThat(browser.script("return document.querySelector('meta[name=viewport]') !== null"))
			.as("%s has the viewport meta tag", mapping)
			.isEqualTo(true);
		assertThat(browser.script("return window.innerWidth")).as("%s's viewport", mapping)
			.isEqualTo((long) screen.width);
		Object width = browser.script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
		assertThat(((Number) width).intValue()).as("%s's document width at %s px", mapping, screen.width)
			.isLessThanOrEqualTo(screen.width);
		assertThat(browser.script("""
				return Array.from(document.querySelectorAll('input, select, textarea'))
				  .filter(function (control) { return control.type !== 'hidden' && control.type !== 'submit'; })
				  .filter(function (control) {
				    return control.labels.length === 0 && !control.getAttribute('aria-label')
				        && !control.getAttribute('aria-labelledby');
				  })
				  .map(function (control) { return control.name || control.id; })""")).as("%s's controls without a label", mapping)
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.isEmpty();
		screenshot(browser, shot);
	}

	/** Saves the screen when screenshots are asked for (README.md, "Screenshots"). */
	private static void screenshot(BrowserSession browser, String name) {
		String folder = System.getProperty("tfmesh.screenshots");
		if (folder != null && !folder.isBlank()) {
			browser.screenshotTo(Path.of(folder, name + ".png"));
		}
	}

	private void checkNavigation(BrowserSession browser, Screen screen, String mapping) {
		assertThat(browser.displayed(By.id("menu-toggle"))).as("%s's menu button at %s px", mapping, screen.width)
			.isEqualTo(screen.narrow);
		if (screen.narrow) {
			assertThat(browser.displayed(By.id("site-menu"))).as("%s's menu before it is opened", mapping).isFalse();
			browser.click("menu-toggle");
			assertThat(browser.script("return document.getElementById('menu-toggle').getAttribute('aria-expanded')"))
				.isEqualTo("true");
		}
		@SuppressWarnings("unchecked")
		List<List<Object>> links = (List<List<Object>>) browser.script("""
				return Array.from(document.querySelectorAll('#site-menu nav a')).map(function (a) {
				  var box = a.getBoundingClientRect();
				  return [a.textContent.trim(), box.width > 0 && box.height > 0 && box.left >= 0
				      && box.right <= window.innerWidth && getComputedStyle(a).visibility === 'visible'];
				})""");
		assertThat(links).extracting(link -> link.get(0)).as("%s's navigation", mapping).containsExactlyElementsOf(NAVIGATION);
		assertThat(links).allSatisfy(link -> assertThat(link.get(1))
			.as("%s: the link %s is on the screen at %s px", mapping, link.get(0), screen.width)
			.isEqualTo(true));
		assertThat(browser.displayed(By.id("logout"))).as("%s's log-out button", mapping).isTrue();
	}

	private static String fileName(String mapping) {
		String name = mapping.replaceAll("[{}]", "").replaceAll("^/|/$", "").replace('/', '-');
		return name.isEmpty() ? "dashboard" : name;
	}

	/** The paths of the dashboard's GET mappings. */
	private Set<String> pageMappings() {
		Set<String> mappings = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMappings.getHandlerMethods().entrySet()) {
			Class<?> type = entry.getValue().getBeanType();
			boolean page = type.getPackageName().startsWith("io.tfmesh.")
					&& AnnotatedElementUtils.hasAnnotation(type, Controller.class)
					&& !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class);
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			if (page && (methods.isEmpty() || methods.contains(RequestMethod.GET))) {
				mappings.addAll(entry.getKey().getPatternValues());
			}
		}
		return mappings;
	}

	/**
	 * A plan of another author with one done step, written to the plans' tables: the API plans
	 * only a mesh whose every member answers, and this mesh has a silent one.
	 */
	private long createPlan(long meshId, long cluster) {
		Long id = jdbc.queryForObject("""
				INSERT INTO plan (mesh_id, mesh_name, state, author, created_at, updated_at, expires_at, base_revision)
				VALUES (?, 'pages', 'pending-approval', 'someone-else', now(), now(), now() + interval '1 day', '{}'::jsonb)
				RETURNING id""", Long.class, meshId);
		jdbc.update("""
				INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
				    object_name, action, before_state, after_state, risk, operation, undo, state)
				VALUES (?, 1, 'pages/kubernetes/configmap/kube-system/env', ?, 'pages', 'kubernetes', 'configmap',
				    'kube-system/env', 'update', '{}'::jsonb, '{"KUBERNETES_POD_SUBNETS": "100.64.0.0/16"}'::jsonb,
				    'nothing changes until the pods restart',
				    '{"kind": "set-configmap-keys", "namespace": "kube-system", "name": "env",
				      "values": {"KUBERNETES_POD_SUBNETS": "100.64.0.0/16"}, "remove": []}'::jsonb,
				    '{"kind": "set-configmap-keys", "namespace": "kube-system", "name": "env",
				      "values": {}, "remove": ["KUBERNETES_POD_SUBNETS"]}'::jsonb,
				    'pending')""", id, cluster);
		return id;
	}

	/** An intent written to its table: the API accepts one only where a Service answers. */
	private long createIntent(long source, long destination) {
		Long id = jdbc.queryForObject("""
				INSERT INTO intent (source_cluster_id, source_namespace, destination_cluster_id, destination_namespace,
				  destination_service, protocol, ports, created_at, created_by, updated_at)
				VALUES (?, 'frontend', ?, 'backend', 'orders', 'tcp', '8080', now(), 'admin', now()) RETURNING id""",
				Long.class, source, destination);
		return id;
	}

}
