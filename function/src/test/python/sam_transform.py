"""Prints template.yaml as CloudFormation deploys it: the AWS SAM translator's output, as JSON.

CodeUri points at the built jar; `sam package` would replace it with its S3 copy, as done here, since the
translator accepts only an S3 location. No AWS call is made (the managed-policy map is empty).
"""
import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    def get_managed_policy_map(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as source:
    template = yaml_parse(source.read())
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://packaged/chaos-function.jar"
print(json.dumps(transform(template, {}, NoManagedPolicies()), indent=1))
