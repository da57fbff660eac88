package io.tfmesh.system.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static files under names with their content hash, cached for a year as immutable; pages and
 * plain names not; and only static paths resolved through the resource chain.
 */
class StaticResourcesIT extends IntegrationTestSupport {

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+)\"");

	private static final Pattern VERSIONED = Pattern.compile("-[0-9a-f]{32}\\.(?:css|js)$");

	private static final String IMMUTABLE = "max-age=31536000, immutable";

	@Autowired
	private ResourceUrlProvider resourceUrls;

	@Test
	void pagesLinkVersionedAssetsThatAreCachedForAYear() {
		DashboardSession session = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		HttpResponse<String> page = session.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

		List<String> assets = assets(page.body());
		assertThat(assets).anyMatch(url -> url.startsWith("/css/tfmesh-"))
			.anyMatch(url -> url.startsWith("/js/app-"))
			.anyMatch(url -> url.startsWith("/webjars/htmx.org/") && url.contains("/htmx.min-"))
			.allMatch(url -> VERSIONED.matcher(url).find());
		for (String url : assets) {
			Api.Response asset = api.anonymous().get(url);
			assertThat(asset.status()).as(url).isEqualTo(200);
			assertThat(asset.header("Cache-Control")).as(url).isEqualTo(IMMUTABLE);
			assertThat(asset.header("Pragma")).as(url).isNull();
			assertThat(asset.header("Expires")).as(url).isNull();
			String plain = VERSIONED.matcher(url).replaceFirst(url.endsWith(".css") ? ".css" : ".js");
			Api.Response unversioned = api.anonymous().get(plain);
			assertThat(unversioned.status()).as(plain).isEqualTo(200);
			assertThat(unversioned.body()).as(plain).isEqualTo(asset.body());
			// a plain name may change with the next release: used again only after asking
			assertThat(unversioned.header("Cache-Control")).as(plain).isEqualTo("no-cache");
		}
	}

	@Test
	void theLoginPageLinksTheVersionedStyleSheetToo() {
		Api.Response login = api.anonymous().get("/login");
		assertThat(login.header("Cache-Control")).contains("no-store");
		assertThat(assets(login.body())).singleElement().asString().matches("/css/tfmesh-[0-9a-f]{32}\\.css");
	}

	@Test
	void aHashThatIsNotTheFilesIsNotFoundAndNotCached() {
		Api.Response wrong = api.anonymous().get("/css/tfmesh-0123456789abcdef0123456789abcdef.css");
		assertThat(wrong.status()).isEqualTo(404);
		assertThat(wrong.header("Cache-Control")).isNotEqualTo(IMMUTABLE);
	}

	@Test
	void onlyStaticPathsGoThroughTheResourceChain() {
		assertThat(resourceUrls.getHandlerMap().keySet()).contains("/css/**", "/js/**", "/webjars/**")
			.doesNotContain("/**");
		assertThat(resourceUrls.getForLookupPath("/clusters/5")).isNull();
		assertThat(resourceUrls.getForLookupPath("/meshes/7/allocations")).isNull();
		assertThat(resourceUrls.getForLookupPath("/css/tfmesh.css")).matches("/css/tfmesh-[0-9a-f]{32}\\.css");
	}

	private static List<String> assets(String html) {
		List<String> urls = new ArrayList<>();
		Matcher matcher = ASSET.matcher(html);
		while (matcher.find()) {
			urls.add(matcher.group(1));
		}
		return urls;
	}

}
