package io.llmstream.http.jersey.server;

import jakarta.ws.rs.core.Configuration;
import java.util.Set;
import org.glassfish.jersey.server.model.ModelProcessor;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceModel;

/** Puts the API's resources under the configured base path; operations endpoints stay at the root. */
final class BasePath implements ModelProcessor {

    private final String basePath;
    private final Set<Class<?>> apiResources;

    BasePath(String basePath, Set<Class<?>> apiResources) {
        this.basePath = basePath;
        this.apiResources = Set.copyOf(apiResources);
    }

    @Override
    public ResourceModel processResourceModel(ResourceModel model, Configuration configuration) {
        if (basePath.isEmpty()) {
            return model;
        }
        ResourceModel.Builder rebuilt = new ResourceModel.Builder(false);
        for (Resource resource : model.getRootResources()) {
            boolean api = resource.getHandlerClasses().stream().anyMatch(apiResources::contains);
            rebuilt.addResource(api ? Resource.builder(resource).path(basePath + "/" + strip(resource.getPath())).build()
                    : resource);
        }
        return rebuilt.build();
    }

    @Override
    public ResourceModel processSubResource(ResourceModel model, Configuration configuration) {
        return model;
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
