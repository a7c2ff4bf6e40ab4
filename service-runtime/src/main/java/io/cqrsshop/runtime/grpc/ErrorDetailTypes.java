package io.cqrsshop.runtime.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.rpc.ErrorDetailsProto;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets server reflection serve the {@code google.rpc} error detail types (ErrorInfo, BadRequest...)
 * so that grpcurl and {@code buf curl} print the details of an error decoded instead of as base64.
 *
 * <p>Reflection serves the files of the registered services and, transitively, their imports; no
 * service file imports {@code google/rpc/error_details.proto}, because the details travel in
 * trailers, not in messages. So the descriptor each service presents to reflection is its file with
 * that import added. The service itself, its generated code and its .proto are unchanged.
 */
final class ErrorDetailTypes {

  private ErrorDetailTypes() {}

  /** {@code service}, presenting its file with the error details attached; as is if no proto. */
  static ServerServiceDefinition attach(ServerServiceDefinition service) {
    io.grpc.ServiceDescriptor original = service.getServiceDescriptor();
    if (!(original.getSchemaDescriptor() instanceof ProtoFileDescriptorSupplier supplier)) {
      return service;
    }
    FileDescriptor file = withErrorDetails(supplier.getFileDescriptor());
    ServiceDescriptor serviceInFile =
        file.findServiceByName(
            original.getName().substring(original.getName().lastIndexOf('.') + 1));
    io.grpc.ServiceDescriptor.Builder descriptor =
        io.grpc.ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(new Schema(file, serviceInFile));
    original.getMethods().forEach(descriptor::addMethod);
    ServerServiceDefinition.Builder attached = ServerServiceDefinition.builder(descriptor.build());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      attached.addMethod(method);
    }
    return attached.build();
  }

  private static FileDescriptor withErrorDetails(FileDescriptor file) {
    FileDescriptor details = ErrorDetailsProto.getDescriptor();
    if (file.getDependencies().contains(details)) {
      return file;
    }
    FileDescriptorProto proto = file.toProto().toBuilder().addDependency(details.getName()).build();
    List<FileDescriptor> dependencies = new ArrayList<>(file.getDependencies());
    dependencies.add(details);
    try {
      return FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("cannot attach error details to " + file.getName(), e);
    }
  }

  /** What reflection reads of a service: its (amended) file and its descriptor in that file. */
  private record Schema(FileDescriptor file, ServiceDescriptor service)
      implements ProtoServiceDescriptorSupplier {

    @Override
    public FileDescriptor getFileDescriptor() {
      return file;
    }

    @Override
    public ServiceDescriptor getServiceDescriptor() {
      return service;
    }
  }
}
