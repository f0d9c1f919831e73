from .organisation import County, Municipality, Region, Unit, UnitKind
from .people import CountyAssignment, Role, RoleAssignment, User

__all__ = ["County", "CountyAssignment", "Municipality", "Region", "Unit", "UnitKind", "Role", "RoleAssignment",
           "User"]
