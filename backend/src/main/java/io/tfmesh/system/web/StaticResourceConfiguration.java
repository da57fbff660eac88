package io.tfmesh.system.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.CssLinkResourceTransformer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * tfmesh's static files, and only they, go through the resource chain: each has its own path
 * ({@code spring.web.resources.add-mappings=false} removes the catch-all {@code /**} mapping), so
 * a link the pages render to anything else is not looked up in the static locations. Links to
 * static files get the file's content hash in their name ({@code /css/tfmesh-<md5>.css}), and a
 * name with a hash is cached for a year without asking again ({@link VersionedResourceCaching});
 * the plain name is revalidated on every use.
 */
@Configuration(proxyBeanMethods = false)
class StaticResourceConfiguration implements WebMvcConfigurer {

	/** The paths of static files, as servlet URL patterns. */
	static final String[] STATIC_PATHS = { "/css/*", "/js/*", "/img/*", "/webjars/*" };

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		for (String directory : new String[] { "css", "js", "img" }) {
			registry.addResourceHandler("/" + directory + "/**")
				.addResourceLocations("classpath:/static/" + directory + "/")
				.setCacheControl(CacheControl.noCache())
				.resourceChain(true)
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
				.addTransformer(new CssLinkResourceTransformer());
		}
		// the resource chain adds the WebJars resolver (the version-less path) before the path resolver
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.noCache())
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		// browsers ask for the icon at the root, by a name that carries no version
		registry.addResourceHandler("/favicon.*")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.noCache());
	}

	@Bean
	FilterRegistrationBean<VersionedResourceCaching> versionedResourceCaching() {
		FilterRegistrationBean<VersionedResourceCaching> registration = new FilterRegistrationBean<>(
				new VersionedResourceCaching());
		registration.addUrlPatterns(STATIC_PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
